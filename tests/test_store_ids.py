import datetime as dt

from crmctl.archive import ids

UTC = dt.UTC


def test_ids_carry_type_and_creation_time():
    at = dt.datetime(2026, 11, 23, 1, 2, 3, 456000, tzinfo=UTC)
    record_id = ids.new_id("C", at)
    assert ids.is_valid(record_id) and record_id[0] == "C" and len(record_id) == 16
    millis = int(at.timestamp() * 1000)
    assert record_id[: 1 + ids.TIME_DIGITS] == ids.compose("C", millis, 0)[: 1 + ids.TIME_DIGITS]


def test_ids_sort_by_creation_time_even_when_created_out_of_order():
    times = [dt.datetime(2026, 1, day, tzinfo=UTC) for day in (5, 1, 20, 3)]
    made = {ids.new_id("V", t): t for t in times}
    assert [made[i] for i in sorted(made)] == sorted(times)


def test_a_bulk_run_in_one_millisecond_gives_distinct_increasing_ids():
    at = dt.datetime(2026, 11, 23, tzinfo=UTC)
    batch = [ids.new_id("C", at) for _ in range(20000)]
    assert len(set(batch)) == len(batch) and batch == sorted(batch)


def test_two_branches_creating_at_the_same_millisecond_do_not_collide():
    # Separate processes start from fresh random bits: model one by resetting the generator state.
    at = dt.datetime(2026, 11, 23, tzinfo=UTC)
    first = {ids.new_id("C", at) for _ in range(1000)}
    ids._last.clear()
    second = {ids.new_id("C", at) for _ in range(1000)}
    assert not first & second


def test_paths_and_garbage_are_not_ids():
    for text in (
        "../C1M0PCZ8E0147XF",
        "/etc/passwd",
        "C1M0PCZ8E0147XFQ/",
        "c1m0pcz8e0147xfq",
        "C1M0PCZ8E0147XFQQ",
    ):
        assert not ids.is_valid(text)
