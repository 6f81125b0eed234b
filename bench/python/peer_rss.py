"""Peak resident memory of a process tree (a pool's parent and its workers), read from Linux's /proc."""
import os


def tree(root):
    """root (a pid, or (pid, counted) for a launcher that is not counted) and all its descendants, from /proc."""
    pid, counted = root if isinstance(root, tuple) else (root, True)
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found if counted else found[1:]


def reset(root):
    """Writes 5 to each process's clear_refs: its VmHWM (peak RSS) starts again from its RSS now (Linux 4.0+)."""
    for pid in tree(root):
        try:
            with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as f:
                f.write("5")
        except OSError:
            pass


def peak_mib(root):
    """The sum of each process's peak RSS (VmHWM) since the reset: an upper bound on the tree's peak; None off Linux."""
    total = None
    for pid in tree(root):
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total = (total or 0) + int(line.split()[1]) / 1024.0
        except OSError:
            pass
    return total
