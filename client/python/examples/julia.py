"""Seed 000 (mpi4py.futures' Julia set): the image's lines computed on the cluster, written as julia.pgm.

Changed from the seed: the executor line; the lines are the `julia` kernel's items (its julia_line is the seed's,
bit for bit), so `executor.map(julia_line, range(h))` is one job of h lines.
"""
import os

from graincompute import GrainComputeExecutor

x0, x1, w = -2.0, +2.0, 640*2
y0, y1, h = -1.5, +1.5, 480*2
dx = (x1 - x0) / w
dy = (y1 - y0) / h

c = complex(0, 0.65)

if __name__ == '__main__':

    with GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080")) as executor:
        image = executor.job("julia", width=w, height=h).image_lines()
        with open('julia.pgm', 'wb') as f:
            f.write(b'P5 %d %d %d\n' % (w, h, 255))
            for line in image:
                f.write(line)
