"""The floor every other package stands on: where files live, logging, memory release, the network guard and
the constants the layers share. It imports nothing of ours, so anything may import it.

paths (platformdirs locations, bundled resources), logs (rotating log file), memory (hand freed heap back to
the system), network (keep MediaPipe's usage logging offline; the user's own proxies for downloads they ask for),
constants (the 16 kHz speech rate).
"""
