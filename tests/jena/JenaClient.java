// A command-line client made of Apache Jena's own HTTP classes (QueryExecutionHTTP,
// UpdateExecutionHTTP, GSP), used by tests/test_clients_jena.py against a running
// `newsgraph serve`. Jena sends through the JDK's default java.net.http.HttpClient, which
// offers an HTTP/2 upgrade (Upgrade: h2c) on every request.
//
//   client <command> <arguments...>
//     http-version                         the version Jena's default client asks for
//     select URL QUERY                     rows, one a line: var=term TAB var=term ...
//     select-unparsed URL QUERY            the same, the query sent as written (Jena does not parse it)
//     ask URL QUERY                        true or false
//     construct URL QUERY                  the graph in N-Triples
//     update URL TOKEN UPDATE              "done" (TOKEN "-" sends no Authorization)
//     gsp-put URL TOKEN GRAPH FILE         replace GRAPH with FILE's triples (by extension)
//     gsp-post URL TOKEN GRAPH FILE        add FILE's triples to GRAPH
//     gsp-delete URL TOKEN GRAPH           drop GRAPH
//     gsp-get URL GRAPH                    GRAPH ("default": the default graph) in N-Triples
//
// A failed request prints "http-error STATUS" and its message on stdout and exits 3.

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.http.HttpEnv;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTPBuilder;
import org.apache.jena.sparql.exec.http.UpdateExecutionHTTP;
import org.apache.jena.sparql.exec.http.UpdateExecutionHTTPBuilder;
import org.apache.jena.sys.JenaSystem;

public class JenaClient {
    public static void main(String[] args) {
        JenaSystem.init();
        try {
            run(args);
        } catch (QueryExceptionHTTP e) {
            System.out.println("http-error " + e.getStatusCode() + " " + e.getMessage());
            System.exit(3);
        } catch (HttpException e) {
            System.out.println("http-error " + e.getStatusCode() + " " + e.getMessage());
            System.exit(3);
        }
    }

    static GSP gsp(String url, String token, String graph) {
        GSP request = GSP.service(url);
        request = "default".equals(graph) ? request.defaultGraph() : request.graphName(graph);
        if (token != null && !"-".equals(token)) {
            request = request.httpHeader("Authorization", "Bearer " + token);
        }
        return request;
    }

    static void run(String[] args) {
        switch (args[0]) {
            case "http-version":
                System.out.println(HttpEnv.getDftHttpClient().version());
                break;
            case "select":
            case "select-unparsed":
                QueryExecutionHTTPBuilder select = QueryExecutionHTTP.service(args[1]);
                select = "select".equals(args[0]) ? select.query(args[2]) : select.queryString(args[2]);
                try (QueryExecution qe = select.build()) {
                    ResultSet results = qe.execSelect();
                    List<String> vars = results.getResultVars();
                    while (results.hasNext()) {
                        QuerySolution row = results.next();
                        List<String> cells = new ArrayList<>();
                        for (String var : vars) {
                            if (row.contains(var)) {
                                cells.add(var + "=" + row.get(var).asNode().toString());
                            }
                        }
                        System.out.println(String.join("\t", cells));
                    }
                }
                break;
            case "ask":
                try (QueryExecution qe = QueryExecutionHTTP.service(args[1]).query(args[2]).build()) {
                    System.out.println(qe.execAsk());
                }
                break;
            case "construct":
                try (QueryExecution qe = QueryExecutionHTTP.service(args[1]).query(args[2]).build()) {
                    Model model = qe.execConstruct();
                    RDFDataMgr.write(System.out, model, Lang.NTRIPLES);
                }
                break;
            case "update": {
                UpdateExecutionHTTPBuilder builder = UpdateExecutionHTTP.service(args[1]).update(args[3]);
                if (!"-".equals(args[2])) {
                    builder = builder.httpHeader("Authorization", "Bearer " + args[2]);
                }
                builder.build().execute();
                System.out.println("done");
                break;
            }
            case "gsp-put":
                gsp(args[1], args[2], args[3]).PUT(args[4]);
                System.out.println("done");
                break;
            case "gsp-post":
                gsp(args[1], args[2], args[3]).POST(args[4]);
                System.out.println("done");
                break;
            case "gsp-delete":
                gsp(args[1], args[2], args[3]).DELETE();
                System.out.println("done");
                break;
            case "gsp-get": {
                Graph graph = gsp(args[1], null, args[2]).GET();
                RDFDataMgr.write(System.out, graph, Lang.NTRIPLES);
                break;
            }
            default:
                System.err.println("unknown command " + args[0]);
                System.exit(2);
        }
    }
}
