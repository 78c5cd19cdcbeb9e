from pathlib import Path

import pytest
import yaml

from crmctl.archive import yamlio


def test_only_unambiguous_scalars_are_typed():
    data = yamlio.loads(
        b"a: no\nb: 0123\nc: 1e3\nd: 12:30\ne: 2026-01-01\nf: 5\ng: 1.5\nh: true\ni:\nj: on\nk: ~\n"
    )
    assert data == {
        "a": "no",
        "b": "0123",
        "c": "1e3",
        "d": "12:30",
        "e": "2026-01-01",
        "f": 5,
        "g": 1.5,
        "h": True,
        "i": None,
        "j": "on",
        "k": None,
    }


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "off",
        "yes",
        "ON",
        "0123",
        "1e3",
        "2E-5",
        "0o17",
        "0x1F",
        "12:30",
        "2026-01-01",
        "~",
        "null",
        "true",
        "1_000",
        ".inf",
        "",
        " lead",
        "trail ",
        "#x",
        "a: b",
        "- x",
        "多行\n文本",
    ],
)
def test_text_round_trips_and_is_quoted_for_other_readers(text):
    out = yamlio.dumps({"v": text})
    assert yamlio.loads(out) == {"v": text}
    import yaml  # a plain YAML 1.1 reader must not mistype it either

    assert yaml.safe_load(out) == {"v": text}


def test_dates_marked_as_timestamps_are_written_unquoted_and_read_as_text():
    out = yamlio.dumps(
        {"d": yamlio.Timestamp("2026-11-23"), "t": yamlio.Timestamp("2026-11-23T10:15:00+08:00")}
    )
    assert out == b"d: 2026-11-23\nt: 2026-11-23T10:15:00+08:00\n"
    assert yamlio.loads(out) == {"d": "2026-11-23", "t": "2026-11-23T10:15:00+08:00"}


def test_chinese_is_written_as_is():
    assert yamlio.dumps({"name": "张三"}) == "name: 张三\n".encode()


@pytest.mark.parametrize(
    "data, line, words",
    [
        (b"a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
        (b"a: &x [1]\nb: *x\n", 1, "anchors"),
        (b"a: !!python/object:os.system x\n", 1, "unsupported YAML"),
        (b"a: [\n", 2, "malformed YAML"),
        (b"a:\n\tb: 1\n", 2, "malformed YAML"),
        (b"x: 1\n<<<<<<< HEAD\ny: 2\n=======\ny: 3\n>>>>>>> other\n", 2, "merge-conflict marker"),
        (b"a: 1\nb: \xff\n", 2, "not valid UTF-8"),
        (b"a: 1\nb: x\0y\n", 2, "NUL byte"),
        (b"1: a\n", 1, "keys must be plain text"),
    ],
)
def test_bad_files_are_refused_with_their_line(data, line, words):
    with pytest.raises(yamlio.YamlError) as caught:
        yamlio.loads(data)
    assert caught.value.line == line
    assert words in caught.value.message


def test_alias_bomb_is_refused_without_expansion():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    with pytest.raises(yamlio.YamlError, match="anchors"):
        yamlio.loads("\n".join(lines).encode())


def test_line_of_finds_nested_values_and_falls_back_to_the_parent():
    data = b"a: 1\nb:\n  c: 2\n  d: [1, 2]\nlist:\n- x: 1\n- x: 2\n"
    assert yamlio.line_of(data, ["b", "c"]) == 3
    assert yamlio.line_of(data, ["list", 1, "x"]) == 7
    assert yamlio.line_of(data, ["b", "missing"]) == 2


def test_emoji_and_other_astral_characters_are_written_as_is():
    out = yamlio.dumps({"name": "😀 客户 𠀀"})
    assert out == "name: 😀 客户 𠀀\n".encode() and yamlio.loads(out) == {"name": "😀 客户 𠀀"}


def test_libyaml_and_the_pure_python_emitter_write_the_same_bytes():
    # Installs without libyaml must write byte-identical records, or every record would churn in
    # git.
    import yaml

    from crmctl.archive import canonical
    from crmctl.archive.kinds import KINDS
    from tests.conftest import REPO

    options = dict(
        allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 20, indent=2
    )
    for path in sorted((REPO / "records").rglob("*.yaml"))[:120]:
        folder = path.relative_to(REPO / "records").parts[0]
        kind = next(kind.schema for kind in KINDS.values() if kind.folder == folder)
        record = {"id": path.stem, **yamlio.loads(path.read_bytes())}
        body = canonical._canonical(
            {k: v for k, v in record.items() if k != "id"}, canonical.layout(kind)
        )
        plain = yaml.dump(body, Dumper=yamlio._PlainDumper, **options).encode()
        assert plain == path.read_bytes(), path


@pytest.mark.parametrize(
    "text", ["\x85", "a\x85b 😀", "\u2028 😀", "a\u2029", "😀\n多行\x85", "'\"\\U0001F600 😀"]
)
def test_the_pure_python_emitter_keeps_line_separators_as_they_were(text):
    import yaml

    options = dict(
        allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 20, indent=2
    )
    assert yamlio.loads(yaml.dump({"v": text}, Dumper=yamlio._PlainDumper, **options).encode()) == {
        "v": text
    }
    assert yamlio.loads(yamlio.dumps({"v": text})) == {"v": text}


EXPLICIT = [
    b"a: !!int 0x1F\nb: !!float 1_000.5\nc: !!bool yes\nd: !!null x\n",
    b"a: !!str 12\nb: !!timestamp 2026-11-23\nc: !!set {x, y}\nd: [1, -2, +3, 0.5, .5, 1., true, "
    b"~, null, '']\n",
    b"nested:\n  - {a: 1, b: [x, {c: false}]}\n  - |\n    two\n    lines\n",
]


@pytest.mark.parametrize(
    "data",
    EXPLICIT
    + [
        path.read_bytes()
        for path in sorted((Path(__file__).resolve().parent.parent / "records").rglob("*.yaml"))[
            ::15
        ]
    ],
)
def test_the_fast_construction_equals_the_safe_constructor(data):
    """`loads` builds plain maps, lists and scalars itself: exactly what the loader's constructor
    makes."""
    assert yamlio.loads(data) == yaml.load(data.decode(), Loader=yamlio._Loader)


@pytest.mark.parametrize("text", ["-.5", "+.5", "+1", "-0"])
def test_text_crmctl_would_read_as_a_number_is_written_quoted(text):
    """'-.5' is no float to PyYAML's YAML 1.1 rules but is to crmctl's loader: it was written bare
    and read back as -0.5 (found by the property test)."""
    assert yamlio.loads(yamlio.dumps({"name": text})) == {"name": text}


SCALAR_TEXTS = [
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "false",
    "True",
    "yes",
    "12",
    "-0",
    "+1",
    "0123",
    "1.5",
    ".5",
    "-.5",
    "1.",
    "1e3",
    "0x1F",
    "no",
    "on",
    "2026-01-01",
    "12:30",
    "t",
    "n",
    "nan",
    ".inf",
    "名字",
]


@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False), (True, True)])
def test_the_loaders_own_resolver_tags_every_node_as_the_generic_one(implicit):
    """`_Loader.resolve` skips the generic resolver's wildcard and path resolvers: it may only while
    the loader has none, and must then tag every node alike."""
    loader = yamlio._Loader("")
    assert (
        None not in yamlio._Loader.yaml_implicit_resolvers
        and not yamlio._Loader.yaml_path_resolvers
    )
    for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
        for text in SCALAR_TEXTS:
            assert loader.resolve(kind, text, implicit) == yaml.resolver.BaseResolver.resolve(
                loader, kind, text, implicit
            )
