"""The shell: the Typer app (:mod:`.app`), its commands (:mod:`.commands`), completion
(:mod:`.completion`), help wording (:mod:`.wording`) and the entry point (:mod:`.main`)."""

# isort: off
# The order the commands register in is the order `jobcli --help` lists them.
from . import commands as commands  # list, show, compare, skills, match
from . import gap as gap  # gap
from . import find as find  # search, skill
from . import moves as moves  # next, path
from . import catalogs as catalogs  # validate, schema, import onet
from . import me as me  # me (show, add, remove, from, rate, clear)

# isort: on
from .app import app as app
from .loading import load as load
from .main import _app_for as _app_for
from .main import main as main
