from django.apps import AppConfig

ACTION_LABELS = {
    "cases.case.imported": "通报导入典型案例",
    "cases.case.viewed": "查阅典型案例",
    "cases.analysis.viewed": "查阅案件剖析",
    "cases.recommendation.viewed": "查阅纪检监察建议书",
    "cases.analysis.created": "开展案件剖析",
    "cases.analysis.updated": "修改案件剖析",
    "cases.analysis.submitted": "提交案件剖析",
    "cases.analysis.approved": "审定案件剖析",
    "cases.analysis.returned": "退回案件剖析",
    "cases.analysis.reopened": "重新打开案件剖析",
    "cases.recommendation.drafted": "起草纪检监察建议书",
    "cases.recommendation.updated": "修改纪检监察建议书",
    "cases.recommendation.issued": "送达纪检监察建议书",
    "cases.recommendation.replied": "回复纪检监察建议书",
    "cases.recommendation.implementing": "整改方案获批，建议书进入整改",
    "cases.recommendation.submitted": "提交建议书审批",
    "cases.recommendation.signed": "签批建议书",
    "cases.recommendation.approved": "建议书审批完成（成文）",
    "cases.recommendation.rejected": "退回建议书修改",
    "cases.recommendation.reply_drafted": "起草建议书回复和整改方案",
    "cases.recommendation.reply_delegated": "授权班子成员回复建议书",
    "cases.recommendation.objection_resolved": "处理建议书异议",
    "cases.recommendation_policy.updated": "修改建议书审批设置",
    "cases.finding.recorded": "登记监督发现",
    "cases.recommendation.done": "办结纪检监察建议书",
    "cases.recommendation.exported": "下载建议书文档",
    "cases.attachment.downloaded": "下载回复附件",
}


class CasesConfig(AppConfig):
    name = "mingjian.cases"
    label = "cases"
    verbose_name = "典型案例"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import demo as cases_demo
        from mingjian.cases import todos
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions

        register(ACTION_LABELS)
        demo.register(20, "典型案例", cases_demo.seed)
        todo_registry.register(todos.sections)

        nav.register(
            nav.NavEntry(
                "典型案例库",
                "cases:case-list",
                "bi-journal-text",
                permissions.has_business_scope,
                "以案促改",
                10,
            )
        )
        nav.register(
            nav.NavEntry(
                "通报导入",
                "cases:case-import",
                "bi-file-earmark-arrow-up",
                permissions.is_supervisor,
                "以案促改",
                11,
            )
        )
        nav.register(
            nav.NavEntry(
                "纪检监察建议书",
                "cases:recommendation-list",
                "bi-envelope-paper",
                permissions.has_business_scope,
                "以案促改",
                12,
            )
        )
        nav.register(
            nav.NavEntry(
                "监督发现", "cases:finding-list", "bi-search", permissions.is_supervisor, "以案促改", 13
            )
        )
        nav.register(
            nav.NavEntry(
                "建议书审批设置",
                "cases:recommendation-policy",
                "bi-diagram-3",
                permissions.is_supervisor,
                "以案促改",
                28,
            )
        )
