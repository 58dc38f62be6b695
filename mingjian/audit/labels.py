"""Chinese labels for audit action codes (code: app.object.verb)."""

from __future__ import annotations

ACTION_LABELS: dict[str, str] = {
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录失败",
    "auth.locked": "账号因连续登录失败被锁定",
    "auth.token_issued": "签发接口令牌",
    "auth.token_revoked": "吊销接口令牌",
    "auth.password_changed": "修改密码",
    "org.unit.created": "新建单位",
    "org.unit.updated": "修改单位",
    "org.unit.moved": "调整单位隶属关系",
    "org.person.created": "新增干部",
    "org.person.updated": "修改干部信息",
    "org.user.created": "新建用户",
    "org.user.updated": "修改用户",
    "org.user.deactivated": "停用用户",
    "org.user.activated": "启用用户",
    "org.user.unlocked": "解除账号锁定",
    "org.user.password_reset": "重置密码",
    "org.role.granted": "授予角色",
    "org.role.revoked": "撤销角色",
    "demo.seeded": "载入演示数据",
}


def label_for(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def register(labels: dict[str, str]) -> None:
    """Apps add their own codes at import time (cases, rectification …)."""
    ACTION_LABELS.update(labels)
