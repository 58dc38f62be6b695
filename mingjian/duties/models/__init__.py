from .accountability import Accountability
from .lists import DutyEntry, DutyItem, DutyList, DutyTemplate, TemplateItem
from .talks import Talk

__all__ = ["Accountability", "DutyEntry", "DutyItem", "DutyList", "DutyTemplate", "Talk", "TemplateItem"]
