"""备份与恢复: `manage.py backup` and `manage.py restore` (see services.py and README 生产部署)."""
