// Tests for X1601SetCover.
