from .analysis import CaseAnalysis, CauseItem, IntegrityRisk, SystemLoophole
from .approval import ApprovalStep, ApprovalStepKind, RecommendationPolicy
from .case import (
    DISCIPLINE_BY_LABEL,
    GOVT_ORDER,
    LEVEL_BY_LABEL,
    PARTY_ORDER,
    Case,
    CaseLevel,
    CasePerson,
    Discipline,
    GovtSanction,
    PartySanction,
    ViolationType,
    mask_name,
    mask_names,
)
from .finding import SupervisionFinding
from .recommendation import (
    DEFAULT_REPLY_DAYS,
    LEGAL_BASIS,
    DocumentSequence,
    Recommendation,
    RecommendationItem,
)
from .reply import RecommendationReply, ReplyAttachment

__all__ = [
    "DEFAULT_REPLY_DAYS",
    "DISCIPLINE_BY_LABEL",
    "GOVT_ORDER",
    "LEGAL_BASIS",
    "LEVEL_BY_LABEL",
    "PARTY_ORDER",
    "ApprovalStep",
    "ApprovalStepKind",
    "Case",
    "CaseAnalysis",
    "CaseLevel",
    "CasePerson",
    "CauseItem",
    "Discipline",
    "DocumentSequence",
    "GovtSanction",
    "IntegrityRisk",
    "PartySanction",
    "Recommendation",
    "RecommendationItem",
    "RecommendationPolicy",
    "RecommendationReply",
    "ReplyAttachment",
    "SupervisionFinding",
    "SystemLoophole",
    "ViolationType",
    "mask_name",
    "mask_names",
]
