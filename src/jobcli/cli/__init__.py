"""The shell: the Typer app (:mod:`.app`), its commands (:mod:`.commands`), completion
(:mod:`.completion`), help wording (:mod:`.wording`) and the entry point (:mod:`.main`)."""

from . import catalogs as catalogs  # registers validate, schema and import onet
from . import commands as commands  # registers the commands on the app
from . import find as find  # registers search and skill
from .app import app as app
from .loading import load as load
from .main import _app_for as _app_for
from .main import main as main
