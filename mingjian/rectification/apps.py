from functools import partial
from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

from mingjian.lib.search import Index, ensure_index

ACTION_LABELS = {
    "rectification.problem.created": "新增问题及整改任务",
    "rectification.task.updated": "修改整改任务",
    "rectification.task.issued": "下发整改任务",
    "rectification.task.started": "接收整改任务",
    "rectification.task.confirmed": "责任领导签认",
    "rectification.task.submitted": "提交销号申请",
    "rectification.task.accepted": "验收销号",
    "rectification.task.returned": "退回整改任务",
    "rectification.task.reopened": "回头看反弹重新整改",
    "rectification.evidence.added": "上传佐证材料",
    "rectification.evidence.downloaded": "下载佐证材料",
    "rectification.inspection.created": "登记巡察反馈",
    "rectification.inspection.reported": "报送巡察整改情况报告",
    "rectification.review.done": "完成回头看",
    "rectification.campaign.created": "创建专项行动/专项治理",
    "rectification.campaign.phases_saved": "修改专项行动阶段",
    "rectification.campaign.targets_added": "增加专项行动对象单位",
    "rectification.campaign.target_removed": "移除专项行动对象单位",
    "rectification.campaign.launched": "部署专项行动（下发阶段任务）",
    "rectification.campaign.concluded": "总结专项行动",
    "rectification.campaign.exported": "下载专项行动总结报告",
    "rectification.template.saved": "修改专项行动模板",
    "rectification.template.copied": "复制专项行动模板",
    "rectification.policy.updated": "修改整改时限设置",
    "rectification.ledger.exported": "导出整改台账",
    "rectification.ledger.imported": "导入整改台账",
    "rectification.ledger.ready": "整改台账核对完成待确认",
    "rectification.ledger.confirmed": "确认导入整改台账",
    "rectification.ledger.cancelled": "取消导入整改台账",
    "rectification.ledger.done": "整改台账导入或导出完成",
    "rectification.ledger.failed": "整改台账导入未通过",
    "rectification.task.progress": "填写整改进展",
    "rectification.plan.saved": "保存整改方案",
    "rectification.plan.submitted": "报送整改方案",
    "rectification.plan.approved": "批准整改方案",
    "rectification.plan.returned": "退回整改方案",
    "rectification.plan.reopened": "异议处理后重新打开整改方案",
    "rectification.report.drafted": "起草整改报告",
    "rectification.report.saved": "修改整改报告",
    "rectification.report.submitted": "报送整改报告",
    "rectification.inspection.items_added": "补充巡察反馈问题",
    "rectification.inspection.normalized": "集中整改期结束转入常态化整改",
}


def _repair_search_index(sender: AppConfig, index: Index, using: str = "default", **kwargs: Any) -> None:
    """A later migration that rebuilds the task table on SQLite drops the search triggers."""
    connection = connections[using]
    table = sender.get_model("Task")._meta.db_table
    if table not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:  # absent while migrated back before the column
        columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
    if index.column in columns:
        ensure_index(connection, index)


class RectificationConfig(AppConfig):
    name = "mingjian.rectification"
    label = "rectification"
    verbose_name = "整改"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import panels
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions
        from mingjian.org.models import INSPECTION_ROLES
        from mingjian.rectification import (
            campaign_demo,
            jobs,  # noqa: F401  (huey only autodiscovers modules named "tasks"; ours is "jobs")
            todos,
        )
        from mingjian.rectification import demo as rectification_demo
        from mingjian.rectification.models.task import TASK_SEARCH
        from mingjian.rectification.rec_panel import recommendation_panel
        from mingjian.rectification.scorecard import scorecard_panel

        register(ACTION_LABELS)
        post_migrate.connect(partial(_repair_search_index, index=TASK_SEARCH), sender=self, weak=False)
        todo_registry.register(todos.sections)
        panels.register(scorecard_panel)
        panels.register(recommendation_panel, page="recommendation")

        demo.register(30, "整改", rectification_demo.seed)
        demo.register(35, "专项行动", campaign_demo.seed)

        def sees_inspections(user: object) -> bool:
            return permissions.has_business_scope(user) or permissions.has_role(user, *INSPECTION_ROLES)  # type: ignore[arg-type]

        for label, name, icon, visible, order in (
            ("整改任务", "rectification:task-list", "bi-list-check", sees_inspections, 20),
            ("问题清单", "rectification:problem-list", "bi-exclamation-diamond", sees_inspections, 21),
            ("巡察整改", "rectification:inspection-list", "bi-binoculars", sees_inspections, 22),
            ("专项行动/治理", "rectification:campaign-list", "bi-flag", permissions.has_business_scope, 23),
            (
                "回头看",
                "rectification:review-list",
                "bi-arrow-counterclockwise",
                permissions.has_business_scope,
                24,
            ),
        ):
            nav.register(nav.NavEntry(label, name, icon, visible, "以案促改", order))

        nav.register(
            nav.NavEntry(
                "整改时限设置",
                "rectification:policy",
                "bi-sliders",
                permissions.is_supervisor,
                "以案促改",
                29,
            )
        )
