"""Generator backends behind one small seam."""
