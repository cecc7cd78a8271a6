"""newsgraph: news articles in, a knowledge graph out."""

from .errors import NewsgraphError
from .extract import article_id, extract, extract_many
from .graph import to_graph
from .schema import Extraction
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Extraction",
    "NewsgraphError",
    "Settings",
    "__version__",
    "article_id",
    "extract",
    "extract_many",
    "to_graph",
]
