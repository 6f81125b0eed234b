// Chart.js set-ups for the dashboard: the rolling cluster charts, the task stream and the completion order.
// Charts are updated in place once a second with animation off, so a page left open stays cheap.
'use strict';

const GcCharts = (() => {
  const colors = { done: '#2ca02c', failed: '#d62728', cancelled: '#9aa0a6', running: '#1f77b4', pending: '#c7cdd4' };

  const clock = (unixSeconds) => new Date(unixSeconds * 1000).toLocaleTimeString([], { hour12: false });

  function rolling(canvas, series, yTitle) {
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: series.map((s) => ({ label: s.label, data: [], borderColor: s.color, backgroundColor: s.color + '33', fill: !!s.fill, pointRadius: 0, borderWidth: 1.5, stepped: !!s.stepped })) },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: { legend: { display: series.length > 1, labels: { boxWidth: 12 } }, tooltip: { callbacks: { title: (items) => items.length ? clock(items[0].parsed.x) : '' } } },
        scales: {
          x: { type: 'linear', ticks: { maxTicksLimit: 6, callback: (v) => clock(v) } },
          y: { beginAtZero: true, title: { display: !!yTitle, text: yTitle } },
        },
      },
    });
  }

  /** The three cluster charts; add(points) appends samples, keeping `seconds` of them. */
  function cluster(seconds) {
    const throughput = rolling(document.getElementById('chart-throughput'), [{ label: 'chunks/s', color: '#2f6fde', fill: true }]);
    const latency = rolling(document.getElementById('chart-latency'), [{ label: 'p50', color: '#2ca02c' }, { label: 'p99', color: '#d62728' }]);
    const busy = rolling(document.getElementById('chart-busy'), [{ label: 'busy', color: '#ff7f0e', fill: true, stepped: true }, { label: 'slots', color: '#9aa0a6', stepped: true }]);
    const all = [throughput, latency, busy];
    return {
      reset() {
        for (const chart of all) {
          for (const dataset of chart.data.datasets) dataset.data.length = 0;
        }
      },
      add(points) {
        for (const p of points) {
          throughput.data.datasets[0].data.push({ x: p.unixSeconds, y: p.chunksPerSecond });
          latency.data.datasets[0].data.push({ x: p.unixSeconds, y: p.chunkP50Ms });
          latency.data.datasets[1].data.push({ x: p.unixSeconds, y: p.chunkP99Ms });
          busy.data.datasets[0].data.push({ x: p.unixSeconds, y: p.busyWorkers });
          busy.data.datasets[1].data.push({ x: p.unixSeconds, y: p.workerSlots });
        }
        const newest = points.length ? points[points.length - 1].unixSeconds : null;
        for (const chart of all) {
          for (const dataset of chart.data.datasets) {
            if (newest !== null) {
              while (dataset.data.length && dataset.data[0].x < newest - seconds) dataset.data.shift();
            }
          }
          chart.update('none');
        }
      },
    };
  }

  // Orleans' SiloAddress prints as S<ip>:<port>:<generation>; ip:port names the silo on a chart.
  const shortSilo = (address) => (address || '?').replace(/^S/, '').replace(/:\d+$/, '');

  /** Dask-style task stream: a floating bar per chunk in its silo/worker lane, x in seconds since the job started. */
  function taskStream(canvas, box) {
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], backgroundColor: (c) => colors[c.raw?.state] || colors.pending, borderColor: '#ffffff', borderWidth: 1, borderSkipped: false, barPercentage: 0.9, categoryPercentage: 1, minBarLength: 2 }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'y',
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => `chunk ${c.raw.chunk} (${c.raw.state}): ${c.raw.x[0].toFixed(2)}–${c.raw.x[1].toFixed(2)} s` } },
        },
        scales: {
          x: { type: 'linear', beginAtZero: true, title: { display: true, text: 'seconds since start' } },
          y: { type: 'category', ticks: { autoSkip: false, font: { size: 10 } } },
        },
      },
    });
    return {
      update(job, chunks, now) {
        const origin = Date.parse(job.started || job.submitted);
        const lanes = new Set();
        const bars = [];
        for (const c of chunks) {
          if (!c.started || !c.silo) continue;
          const lane = `${shortSilo(c.silo)} / ${c.worker || '?'}`;
          lanes.add(lane);
          const end = c.ended ? Date.parse(c.ended) : now;
          bars.push({ x: [(Date.parse(c.started) - origin) / 1000, Math.max(end - origin, Date.parse(c.started) - origin) / 1000], y: lane, state: c.state === 'running' || !c.ended ? 'running' : c.state, chunk: c.index });
        }
        chart.data.labels = [...lanes].sort();
        chart.data.datasets[0].data = bars;
        box.style.height = `${Math.max(160, 40 + 22 * lanes.size)}px`;
        chart.update('none');
      },
    };
  }

  /** Finishing position against chunk index: a diagonal means chunks finished in order. */
  function completionOrder(canvas) {
    const chart = new Chart(canvas, {
      type: 'scatter',
      data: { datasets: [{ data: [], pointRadius: 2, backgroundColor: (c) => colors[c.raw?.state] || colors.done }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `#${c.raw.x} to finish: chunk ${c.raw.y}` } } },
        scales: {
          x: { beginAtZero: true, title: { display: true, text: 'finishing position' } },
          y: { beginAtZero: true, title: { display: true, text: 'chunk index' } },
        },
      },
    });
    return {
      update(chunks) {
        const finished = chunks.filter((c) => c.completionSeq !== null && c.completionSeq !== undefined).sort((a, b) => a.completionSeq - b.completionSeq);
        chart.data.datasets[0].data = finished.map((c, i) => ({ x: i + 1, y: c.index, state: c.state }));
        chart.update('none');
      },
    };
  }

  return { cluster, taskStream, completionOrder, shortSilo, colors };
})();
