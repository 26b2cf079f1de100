"""gunicorn configuration for imedia (``gunicorn -c deploy/gunicorn.conf.py imedia_core.wsgi``).

Every value can be changed from the environment, so one image serves every size of deployment:

    GUNICORN_BIND             address to listen on                     0.0.0.0:8000
    GUNICORN_WORKERS          worker processes                         2 x CPUs + 1 (at most 8)
    GUNICORN_THREADS          threads per worker (>1 => gthread)       1
    GUNICORN_TIMEOUT          seconds before a silent worker is killed 30
    GUNICORN_GRACEFUL_TIMEOUT seconds a worker gets to finish on stop  30
    GUNICORN_KEEPALIVE        seconds to keep an idle client conn.     5
    GUNICORN_MAX_REQUESTS     recycle a worker after this many reqs.   1000 (0: never)
    GUNICORN_LOG_LEVEL        gunicorn's own log level                 info
    FORWARDED_ALLOW_IPS       proxies whose X-Forwarded-* are trusted  127.0.0.1
                              (gunicorn: wsgi.url_scheme; forwarded_wsgi.py: client address)
    FORWARDED_FOR_HOPS        proxies appending to X-Forwarded-For     0 (REMOTE_ADDR untouched)

Each worker holds its own database connection (``DATABASE_CONN_MAX_AGE``), so
workers x threads x app servers must stay below what PostgreSQL (or PgBouncer) accepts.

The access log is gunicorn's standard "combined" format plus the request time in ms. The
tenant is not known at this level (it is resolved by the app from the host, the ``/t/<slug>/``
prefix or the ``X-Imedia-Tenant`` header); the app's own log lines carry ``[schema]``.
"""

import multiprocessing
import os
import sys


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# imedia's WSGI application behind deploy/forwarded_wsgi.py, which sets REMOTE_ADDR from
# X-Forwarded-For for trusted proxies (FORWARDED_FOR_HOPS, FORWARDED_ALLOW_IPS): the login
# throttle counts per client address. The module sits next to this file (/app in the image).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
wsgi_app = "forwarded_wsgi:application"

workers = _int("GUNICORN_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 8))
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then: bounds slow memory growth; the jitter avoids all restarting at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max(0, max_requests // 10)

# Heartbeat files on tmpfs: a container's overlay file system can stall them and get workers killed.
_SHM = "/dev/shm"  # noqa: S108  (tmpfs for heartbeats, not a temporary file of ours)
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None

# Do not import the app before forking: no connection or plugin state is shared between workers.
preload_app = False

# Request limits in front of Django's own (IMEDIA_MAX_REQUEST_BYTES caps bodies).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
