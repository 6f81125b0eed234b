"""The cluster's kernels (GET /api/kernels), read once: their parameter names in order, for positional
arguments, and the names themselves, so a misspelt kernel or parameter is refused at submit() naming it."""
import difflib
import threading

from .errors import GrainComputeParameterError


class KernelCatalog:
    def __init__(self, transport):
        self._transport = transport
        self._lock = threading.Lock()
        self._kernels = None  # name → [parameter names, in order]; guarded by _lock, None until read

    def parameters(self, kernel):
        kernels = self._read(refresh=False)
        if kernel not in kernels:
            kernels = self._read(refresh=True)  # a kernel pack may have been loaded since
        if kernel not in kernels:
            close = difflib.get_close_matches(kernel, kernels, n=1)
            hint = f" did you mean '{close[0]}'?" if close else ""
            raise _bad("kernel", f"kernel '{kernel}' is not served by the cluster;{hint} served: {', '.join(sorted(kernels))}")
        return kernels[kernel]

    def bind(self, kernel, args, params):
        """The parameters object for a call: positional arguments in the kernel's parameter order, then keywords."""
        names = self.parameters(kernel)
        if len(args) > len(names):
            raise _bad("parameters", f"{kernel} takes {len(names)} parameters ({', '.join(names)}), {len(args)} given")
        bound = dict(zip(names, args))
        for name, value in params.items():
            if name in bound:
                raise _bad(name, f"{kernel} got parameter '{name}' both by position and by name")
            if name not in names:
                close = difflib.get_close_matches(name, names, n=1)
                hint = f" did you mean '{close[0]}'?" if close else ""
                raise _bad(name, f"unknown parameter '{name}' of {kernel};{hint} known: {', '.join(names)}")
            bound[name] = value
        return bound

    def _read(self, refresh):
        with self._lock:
            if self._kernels is None or refresh:
                self._kernels = {k["name"]: [p["name"] for p in k["parameters"]] for k in self._transport.get("/api/kernels")}
            return self._kernels


def _bad(field, message):
    return GrainComputeParameterError(400, "Invalid request", message, {field: message})
