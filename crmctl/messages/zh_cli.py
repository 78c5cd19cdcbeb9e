"""Chinese of the command line's own words: click's headings, usage, and the global options."""

ZH = {
    # click's help layout
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Examples:": "示例:",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "default": "默认",
    "required": "必填",
    ": ": ": ",
    "; ": "; ",
    # what every command may print
    "crmctl: error: {message}": "crmctl: 错误: {message}",
    "crmctl: warning: {message}": "crmctl: 警告: {message}",
    "the change is saved but was not committed: {reason}": "修改已保存, 但未提交到 git: {reason}",
    "committed {commit}": "已提交 {commit}",
    "{files} unreadable record file(s) left out; run 'crmctl check'": (
        "有 {files} 个记录文件无法读取, 已略过; 请运行 'crmctl check'"
    ),
    "no records named (give ids, or - to read them from standard input)": (
        "未指定记录 (请给出编号, 或用 - 从标准输入读取)"
    ),
    "argument {arg!r} is not valid UTF-8 (check the terminal's encoding, LANG)": (
        "参数 {arg!r} 不是有效的 UTF-8 (请检查终端编码和 LANG)"
    ),
}
