"""What the corpus stages share: a tally of checks, each failure said."""
import sys


class Tally:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        """Counts one check; prints `what` when it fails."""
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}")

    def finish(self):
        """Prints `NAME: N passed, N failed` and exits 1 on any failure."""
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
