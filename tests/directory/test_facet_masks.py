"""The bit masks behind the directory's facets and name order: what a page of results lists."""

import random

import pytest

from directory.search import IdsInOrder, RankedIds, SortedFacets, set_positions


def test_set_positions_lists_every_set_bit_lowest_first():
    assert set_positions(0) == []
    assert set_positions(0b1011) == [0, 1, 3]
    assert set_positions(1 << 700 | 1 << 9) == [9, 700]


@pytest.mark.parametrize("seed", range(5))
def test_ids_in_order_gives_the_same_pages_as_the_whole_list(seed):
    rng = random.Random(seed)
    order = [rng.randrange(10**6) for _ in range(1000)]
    mask = sum(1 << position for position in rng.sample(range(1000), rng.randrange(1, 400)))
    whole = [order[position] for position in set_positions(mask)]
    ids = IdsInOrder(mask, order)

    assert len(ids) == len(whole)
    for start in (0, 1, 7, 20, len(whole) - 20, len(whole) - 1, len(whole), len(whole) + 5):
        start = max(start, 0)
        assert ids[start : start + 20] == whole[start : start + 20]
    assert ids[len(whole) - 1] == whole[-1]
    assert IdsInOrder(0, order)[0:20] == []


def test_mask_of_marks_the_positions_of_known_ids_and_ignores_others():
    facts = {pk: ("harju", [], [], [], False) for pk in (30, 10, 20)}
    table = SortedFacets([30, 10, 20], facts)

    assert table.mask_of([20, 30, 999]) == 0b101
    assert table.mask_of([]) == 0


def test_ranked_ids_list_the_most_relevant_first_ties_in_the_tables_order():
    order = [30, 10, 20, 40]
    facts = {pk: ("harju", [], [], [], False) for pk in order}
    table = SortedFacets(order, facts)
    levels = table.level_masks({40: 2, 10: 5, 20: 2, 99: 8})

    ranked = RankedIds(levels, order)

    assert len(ranked) == 3
    assert ranked[0:3] == [10, 20, 40]
    assert ranked[1:2] == [20]
    assert ranked[2] == 40
