from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "mingjian.workflow"
    label = "workflow"
    verbose_name = "流转记录"
