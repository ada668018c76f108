"""Another process's commits are noticed; our own, bracketed or absorbed, are not."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from studyplanner.storage.database.change_watch import ChangeWatch
from studyplanner.storage.store import Store


def someone_else_writes(store: Store) -> None:
    with closing(sqlite3.connect(store.path)) as conn, conn:
        conn.execute("UPDATE study_session SET notes = 'theirs' WHERE id = 1")


def test_a_commit_from_elsewhere_is_seen_once(store: Store, cards_plan: int) -> None:
    watch = ChangeWatch(store.path)
    try:
        assert not watch.someone_else_changed()
        someone_else_writes(store)
        assert watch.someone_else_changed()
        assert not watch.someone_else_changed()  # told once
    finally:
        watch.close()


def test_our_own_bracketed_commits_are_not_reported(store: Store, cards_plan: int) -> None:
    watch = ChangeWatch(store.path)
    try:
        with watch.own_change():
            someone_else_writes(store)  # stands for a write of ours
        assert not watch.someone_else_changed()
        someone_else_writes(store)
        watch.absorb()  # a commit of ours made outside a bracket (a review's answer)
        assert not watch.someone_else_changed()
    finally:
        watch.close()


def test_a_commit_from_elsewhere_before_ours_is_still_reported(
    store: Store, cards_plan: int
) -> None:
    watch = ChangeWatch(store.path)
    try:
        someone_else_writes(store)
        with watch.own_change():
            pass
        assert watch.someone_else_changed()
    finally:
        watch.close()


def test_a_reopened_watch_follows_the_new_file(store: Store, cards_plan: int) -> None:
    watch = ChangeWatch(store.path)
    try:
        watch.reopen()
        assert not watch.someone_else_changed()
        someone_else_writes(store)
        assert watch.someone_else_changed()
    finally:
        watch.close()
