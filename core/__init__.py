"""The ground floor: errors and the few shared types every layer uses; imports nothing of ours."""
