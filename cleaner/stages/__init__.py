"""The pipeline's stages, in the order they run. Importing this package registers every rule kind."""

from .artifacts import ArtifactsStage
from .boilerplate import BoilerplateStage
from .decode import DecodeStage
from .extract import ExtractStage
from .language import LanguageStage
from .quality import QualityStage
from .repair import RepairStage

PIPELINE = (DecodeStage, ExtractStage, RepairStage, LanguageStage, BoilerplateStage, ArtifactsStage, QualityStage)

__all__ = ["PIPELINE"] + [cls.__name__ for cls in PIPELINE]
