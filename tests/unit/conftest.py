"""Fixtures shared by the unit tests."""
from __future__ import annotations

import pytest

from course_builder.pipeline import load
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def course():
    course, diags = load(FIXTURES / "example_course")
    assert course is not None, diags
    return course
