// Tests for X1601Render.
