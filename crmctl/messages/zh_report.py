"""Chinese of the words of the HTML report page (its figures and columns are render.py's labels)."""

ZH = {
    "breached": "超时",
    "within deadlines": "未超时",
    "reached": "联系上",
    "not reached": "未联系上",
    "missed": "未回访",
    "target": "目标",
    "all staff": "全部",
    "(none)": "(无)",
    "charts": "图表",
    "details": "明细",
    "previous period": "上期",
}
