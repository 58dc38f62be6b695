"""The yearly 履责情况报告 as a 公文 (GB/T 9704 layout by mingjian.documents), per leader and per
unit, written entirely from the records: the register (who holds what), the 清单 with each
item's state, the 履责记实 the system computed and the holder added, the talks and 问责 the
holder received that year, and what is still undone. Nothing in it is typed again.

The reader's visibility applies as on the pages: the report shows, and counts, only acts on
records its reader may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from mingjian.documents import Heading, OfficialDocument, Paragraph, write_docx
from mingjian.documents.pdf import render_pdf
from mingjian.documents.spec import Block
from mingjian.documents.text import format_date
from mingjian.duties.acts import Act, acts_of
from mingjian.duties.display import masked
from mingjian.duties.models import Accountability, DutyEntry, DutyItem, DutyList, Talk
from mingjian.duties.register import commissions_over, register_of, supervisors_of
from mingjian.duties.vocabulary import Kind, Source, party_body
from mingjian.org.models import Unit

SHOWN = 5  # acts quoted per item / per source; the count says how many there are in all
DRAFT_MARK = "（履责中，未报送）"


@dataclass(frozen=True)
class ItemState:
    item: DutyItem
    acts: list[Act]
    entries: list[DutyEntry]

    @property
    def done(self) -> bool:
        """Checked by hand, filled by recorded acts, or given a 记实 by hand."""
        return self.item.checked or bool(self.acts) or bool(self.entries)

    @property
    def label(self) -> str:
        if self.acts:
            return f"已履行（系统记实 {len(self.acts)} 项）"
        if self.entries and not self.item.checked:
            return f"已履行（手工记实 {len(self.entries)} 项）"
        return "已履行" if self.item.checked else "未履行"


def item_states(dlist: DutyList, by_source: dict[str, list[Act]]) -> list[ItemState]:
    # Sorted here, not with order_by: a list page prefetches items and entries, which
    # order_by would query again for every list.
    entries: dict[int | None, list[DutyEntry]] = {}
    for entry in sorted(dlist.entries.all(), key=lambda e: (e.happened_on, e.pk)):
        entries.setdefault(entry.item_id, []).append(entry)
    return [
        ItemState(item, by_source.get(item.source, []) if item.source else [], entries.get(item.pk, []))
        for item in sorted(dlist.items.all(), key=lambda i: (i.seq, i.pk))
    ]


def _full_name(unit: Unit) -> str:
    return unit.issuing_names()[0]


def _party_full(unit: Unit) -> str:
    """中共X市民政局党组: the 党组 under its unit's full name."""
    body = party_body(unit)[len(unit.name) :]
    return f"中共{_full_name(unit)}{body}"


def _issuers(dlist: DutyList) -> tuple[str, ...]:
    if dlist.kind == Kind.SUPERVISION:
        return dlist.unit.issuing_names()
    return (_party_full(dlist.unit),)


def _addressees(dlist: DutyList) -> str:
    if dlist.kind == Kind.SUPERVISION:
        above = [c for c in commissions_over(dlist.unit) if c != dlist.unit]
        bodies = above[:1]
    else:
        bodies = supervisors_of(dlist.unit)
    names = [_full_name(b) for b in bodies] or [_full_name(dlist.unit)]
    return "，".join(names)


def _title(dlist: DutyList) -> str:
    if dlist.kind == Kind.FIRST and dlist.person:
        return f"{dlist.person.name}同志{dlist.year}年度履行全面从严治党第一责任人职责情况报告"
    if dlist.kind == Kind.DUAL and dlist.person:
        return f"{dlist.person.name}同志{dlist.year}年度履行“一岗双责”情况报告"
    if dlist.kind == Kind.SUPERVISION:
        return f"关于{dlist.year}年度履行监督责任情况的报告"
    return f"关于{dlist.year}年度落实全面从严治党主体责任情况的报告"


def _duty_paragraph(dlist: DutyList) -> str:
    register = register_of(dlist.unit)
    person = dlist.person
    if dlist.kind == Kind.FIRST and person:
        return f"本人任{dlist.unit.name}{person.position}，是本单位全面从严治党第一责任人，对本单位党风廉政建设和以案促改工作负总责"
    if dlist.kind == Kind.DUAL and person:
        oversees = "、".join(u.name for u in person.oversees.all())
        scope = f"分管{oversees}，" if oversees else ""
        return f"本人任{dlist.unit.name}{person.position}，{scope}对分管领域党风廉政建设负领导责任，履行“一岗双责”"
    if dlist.kind == Kind.SUPERVISION:
        supervised = "、".join(u.name for u in register.supervises)
        return f"本机关履行监督专责{f'，监督单位：{supervised}' if supervised else ''}"
    first = register.first.person.name if register.first and register.first.person else "（未明确）"
    members = "、".join(h.person.name for h in register.members if h.person)
    bodies = "、".join(h.name for h in register.supervisors)
    text = f"{party_body(dlist.unit)}履行全面从严治党主体责任，{first}同志为第一责任人"
    if members:
        text += f"，{members}同志分别履行“一岗双责”"
    return text + (f"；{bodies}履行监督责任" if bodies else "")


def _quote(acts: list[Act]) -> str:
    shown = "；".join(f"{format_date(a.on)}{a.text}" for a in acts[:SHOWN])
    more = f"等{len(acts)}项" if len(acts) > SHOWN else ""
    return shown + more


def _item_blocks(states: list[ItemState]) -> list[Block]:
    blocks: list[Block] = []
    for state in states:
        blocks.append(Paragraph(f"{state.item.text}。", numbered=2))
        if state.acts:
            text = f"已履行，系统记实{len(state.acts)}项：{_quote(state.acts)}"
        elif state.item.checked:
            text = f"已履行。{state.item.note}" if state.item.note else "已履行"
        else:
            text = "已履行" if state.entries else "尚未履行"
        blocks.append(Paragraph(text))
        if state.entries:
            blocks.append(
                Paragraph(
                    "另有记实：" + "；".join(f"{format_date(e.happened_on)}{e.text}" for e in state.entries)
                )
            )
    return blocks or [Paragraph("本清单没有事项")]


def _record_blocks(by_source: dict[str, list[Act]], loose: list[DutyEntry]) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(f"{Source(source).label}{len(acts)}次：{_quote(acts)}")
        for source, acts in by_source.items()
        if acts
    ]
    if loose:
        blocks.append(
            Paragraph("其他履责事项：" + "；".join(f"{format_date(e.happened_on)}{e.text}" for e in loose))
        )
    return blocks or [Paragraph("本年度系统中尚无履责记实")]


def _received(dlist: DutyList, viewer: Any) -> tuple[list[Talk], list[Accountability]]:
    talks = Talk.objects.visible_to(viewer).filter(status=Talk.Status.DONE, held_on__year=dlist.year)
    records = Accountability.objects.visible_to(viewer).filter(
        status=Accountability.Status.DECIDED, decided_on__year=dlist.year
    )
    if dlist.person is not None:
        talks, records = talks.filter(subject=dlist.person), records.filter(person=dlist.person)
    elif dlist.kind == Kind.MAIN:
        own = Q(unit=dlist.unit) | Q(unit__parent=dlist.unit, unit__kind=Unit.Kind.DEPARTMENT)
        talks, records = talks.filter(own), records.filter(own)
    else:
        return [], []
    talks = talks.select_related("issuer", "talker", "subject", "case", "case__unit").prefetch_related(
        "case__persons"
    )
    records = records.select_related("unit", "person", "case", "case__unit").prefetch_related("case__persons")
    return list(talks.order_by("held_on", "id")), list(records.order_by("decided_on", "id"))


def _received_blocks(dlist: DutyList, viewer: Any) -> list[Block]:
    talks, records = _received(dlist, viewer)
    blocks: list[Block] = []
    for t in talks:
        reason = masked(t.reason, t.case, viewer).rstrip("。")
        who = "本人" if dlist.person else t.subject.name
        when = f"{format_date(t.held_on)}" if t.held_on else ""
        blocks.append(
            Paragraph(
                f"{when}，{t.issuer.name}{t.talker.name}对{who}进行{t.get_kind_display()}，事由：{reason}"
            )
        )
    for r in records:
        basis = masked(r.basis, r.case, viewer).rstrip("。")
        number = f"（{r.decision_number}）" if r.decision_number else ""
        when = f"{format_date(r.decided_on)}" if r.decided_on else ""
        blocks.append(
            Paragraph(
                f"{when}，{r.deciding_body}{number}决定对{r.target_name}予以{'、'.join(r.method_labels)}问责，事实及依据：{basis}"
            )
        )
    return blocks or [Paragraph("本年度未受到谈话提醒、约谈、函询，未被问责")]


def _undone_blocks(states: list[ItemState]) -> list[Block]:
    undone = [s.item.text for s in states if not s.done]
    if not undone:
        return [Paragraph("清单所列事项均已履行")]
    return [Paragraph(f"尚有{len(undone)}项未履行："), *[Paragraph(text, numbered=2) for text in undone]]


def report_document(dlist: DutyList, viewer: Any, today: date | None = None) -> OfficialDocument:
    today = today or timezone.localdate()
    by_source = acts_of(dlist, viewer)
    states = item_states(dlist, by_source)
    loose = [e for e in dlist.entries.order_by("happened_on", "id") if e.item_id is None]
    body: list[Block] = [
        Heading("责任分工"),
        Paragraph(_duty_paragraph(dlist)),
        Heading(f"{dlist.list_name}落实情况"),
        *_item_blocks(states),
        Heading("履责记实"),
        *_record_blocks(by_source, loose),
        Heading("接受谈话函询和问责情况"),
        *_received_blocks(dlist, viewer),
        Heading("尚未履行的事项"),
        *_undone_blocks(states),
    ]
    register = register_of(dlist.unit)
    signer = (
        register.first.person.name
        if dlist.kind == Kind.MAIN and register.first and register.first.person
        else ""
    )
    dated = today if dlist.year >= today.year else date(dlist.year, 12, 31)
    return OfficialDocument(
        issuers=_issuers(dlist),
        number="",
        signer=signer,
        title=_title(dlist),
        addressees=_addressees(dlist),
        body=tuple(body),
        dated=dated,
        signatures=(dlist.person.name,) if dlist.person else (),
        draft_mark=DRAFT_MARK if dlist.status == DutyList.Status.OPEN else "",
        printed_by=dlist.unit.printing_office(),
        keep_words=tuple(w for w in (dlist.unit.name, dlist.person.name if dlist.person else "") if w),
    )


def build_report_docx(dlist: DutyList, viewer: Any) -> bytes:
    return write_docx(report_document(dlist, viewer))


def build_report_pdf(dlist: DutyList, viewer: Any) -> bytes:
    """The report as PDF (LibreOffice must be installed: see mingjian.documents.pdf)."""
    return render_pdf(report_document(dlist, viewer))


def report_filename(dlist: DutyList, suffix: str) -> str:
    return f"{dlist.title}履责情况报告.{suffix}"


__all__ = ["build_report_docx", "build_report_pdf", "item_states", "report_document"]
