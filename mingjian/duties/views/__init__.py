from .accountability import (
    accountability_action,
    accountability_detail,
    accountability_form,
    accountability_list,
)
from .lists import (
    entry_add,
    entry_download,
    item_check,
    item_uncheck,
    list_action,
    list_detail,
    list_index,
    report_docx,
    report_pdf,
)
from .register import generate, index, mine, unit_register
from .talks import talk_action, talk_detail, talk_form, talk_list
from .templates import (
    template_create,
    template_detail,
    template_item_add,
    template_item_edit,
    template_item_remove,
    template_list,
)

__all__ = [
    "accountability_action",
    "accountability_detail",
    "accountability_form",
    "accountability_list",
    "entry_add",
    "entry_download",
    "generate",
    "index",
    "item_check",
    "item_uncheck",
    "list_action",
    "list_detail",
    "list_index",
    "mine",
    "report_docx",
    "report_pdf",
    "talk_action",
    "talk_detail",
    "talk_form",
    "talk_list",
    "template_create",
    "template_detail",
    "template_item_add",
    "template_item_edit",
    "template_item_remove",
    "template_list",
    "unit_register",
]
