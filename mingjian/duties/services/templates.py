"""Templates of the four 责任清单, kept by a 纪委监委 for the units under it.

A new template starts from the standard items (vocabulary.DEFAULT_ITEMS) unless asked to start
empty; items are then added, changed and removed one by one. Lists already made from a template
keep their own copies, so editing never changes a past year.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from mingjian.audit.services import record
from mingjian.duties import permissions as perms
from mingjian.duties.models import DutyTemplate, TemplateItem
from mingjian.duties.vocabulary import DEFAULT_ITEMS, LIST_NAMES, Kind, Source
from mingjian.org.models import Unit, User
from mingjian.workflow.services import lock

MAX_TEXT = 300
MAX_SECTION = 30


def _check_item(text: str, section: str, source: str) -> dict[str, str]:
    errors = {}
    if not text.strip():
        errors["text"] = "请填写责任事项。"
    elif len(text.strip()) > MAX_TEXT:
        errors["text"] = f"责任事项过长（{len(text.strip())} 字），上限 {MAX_TEXT} 字。"
    if len(section.strip()) > MAX_SECTION:
        errors["section"] = f"类别过长，上限 {MAX_SECTION} 字。"
    if source and source not in Source.values:
        errors["source"] = "无此自动记实来源。"
    return errors


@transaction.atomic
def create_template(
    issuer: Unit, *, kind: str, by: User, title: str = "", defaults: bool = True
) -> DutyTemplate:
    if issuer not in perms.template_issuers(by):
        raise PermissionDenied
    if kind not in Kind.values:
        raise ValidationError({"kind": "请选择清单类型。"})
    if DutyTemplate.objects.filter(issuer=issuer, kind=kind).exists():
        raise ValidationError({"kind": f"{issuer.name}已有{LIST_NAMES[Kind(kind)]}模板，请直接修改。"})
    template = DutyTemplate.objects.create(
        issuer=issuer, kind=kind, title=title.strip()[:100] or LIST_NAMES[Kind(kind)], created_by=by
    )
    rows = DEFAULT_ITEMS[Kind(kind)] if defaults else ()
    TemplateItem.objects.bulk_create(
        TemplateItem(template=template, seq=i, section=section, text=text, source=source)
        for i, (section, text, source) in enumerate(rows, 1)
    )
    record(by, "duties.template.created", template, kind=kind, items=len(rows))
    return template


def _locked(template: DutyTemplate, by: User) -> DutyTemplate:
    template = lock(template)
    if not perms.can_keep_template(by, template):
        raise PermissionDenied
    return template


@transaction.atomic
def add_template_item(
    template: DutyTemplate, *, by: User, text: str, section: str = "", source: str = ""
) -> TemplateItem:
    template = _locked(template, by)
    errors = _check_item(text, section, source)
    if errors:
        raise ValidationError(errors)
    last = template.items.aggregate(m=Max("seq"))["m"] or 0
    item = TemplateItem.objects.create(
        template=template, seq=last + 1, section=section.strip(), text=text.strip(), source=source
    )
    template.save(update_fields=["updated_at"])
    record(by, "duties.template.item_added", template, item=item.pk, source=source)
    return item


@transaction.atomic
def update_template_item(
    item: TemplateItem, *, by: User, text: str, section: str = "", source: str = ""
) -> TemplateItem:
    _locked(item.template, by)
    errors = _check_item(text, section, source)
    if errors:
        raise ValidationError(errors)
    item.text, item.section, item.source = text.strip(), section.strip(), source
    item.save(update_fields=["text", "section", "source"])
    record(by, "duties.template.item_updated", item.template, item=item.pk, source=source)
    return item


@transaction.atomic
def remove_template_item(item: TemplateItem, *, by: User) -> None:
    template = _locked(item.template, by)
    pk = item.pk
    item.delete()
    record(by, "duties.template.item_removed", template, item=pk)
