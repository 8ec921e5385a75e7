"""The sign-in line on screen: delegates nobody has signed in are 未签到, not 缺席."""

from models.congress_meeting import Attendance


def test_roll_line_tells_unsigned_from_absent():
    assert Attendance(40, 0, 0, 40, 40).roll_line() == "应到 40　实到 0　请假 0　缺席 0　未签到 40"
    assert Attendance(40, 30, 2, 8, 5).roll_line() == "应到 40　实到 30　请假 2　缺席 3　未签到 5"
    assert Attendance(40, 38, 1, 1, 0).roll_line() == "应到 40　实到 38　请假 1　缺席 1"
    # The minutes' sentence still counts everyone not present or on leave as 缺席.
    assert "缺席 8 人" in Attendance(40, 30, 2, 8, 5).statement()
