"""The image is reproducible: requirements.lock pins every runtime dependency of pyproject.toml
(with the image's extras) inside its declared range, with hashes; the Dockerfile installs from
it and pulls no frontend image; the root .dockerignore is the only one and lets in exactly what
the Dockerfile copies."""

import fnmatch
import re
import tomllib

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import DEPLOY, ROOT

IMAGE_EXTRAS = ("redis", "server", "s3")
# The image's interpreter: CPython 3.11 on Linux x86_64 (python:3.11-slim).
IMAGE_ENV = {
    **default_environment(),
    "python_version": "3.11",
    "python_full_version": "3.11.14",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^ ;\\]+)")


def locked() -> dict[str, dict]:
    """name -> {version, hashes} from requirements.lock (pip's hash-checking format)."""
    pins: dict[str, dict] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match["name"])
            assert current not in pins, f"{current} pinned twice"
            pins[current] = {"version": match["version"], "hashes": []}
        elif stripped.startswith("--hash=sha256:"):
            assert current is not None
            pins[current]["hashes"].append(stripped.split(":", 1)[1].rstrip(" \\"))
        else:
            raise AssertionError(f"unexpected line in requirements.lock: {line!r}")
    return pins


def image_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(text) for text in project["dependencies"]]
    for extra in IMAGE_EXTRAS:
        wanted += [Requirement(text) for text in project["optional-dependencies"][extra]]
    return wanted


def test_the_lock_pins_every_runtime_dependency_inside_its_declared_range():
    pins = locked()
    checked = 0
    for requirement in image_requirements():
        if requirement.marker and not requirement.marker.evaluate(IMAGE_ENV):
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements.lock: run deploy/lock.sh"
        version = pins[name]["version"]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements.lock pins {name}=={version}, outside {requirement}: run deploy/lock.sh"
        )
        checked += 1
    assert checked >= 20


def test_the_extras_of_the_dependencies_are_locked_too():
    # psycopg[binary], django-storages[s3]: what the extra pulls in must be pinned as well.
    pins = locked()
    assert "psycopg-binary" in pins
    assert "boto3" in pins


def test_every_pin_is_exact_and_hashed_and_the_build_backend_is_locked():
    pins = locked()
    assert len(pins) >= 40
    for name, pin in pins.items():
        assert pin["hashes"], f"{name} has no hash"
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in pin["hashes"]), name
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    for text in build:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins and requirement.specifier.contains(pins[name]["version"])
    header = (ROOT / "requirements.lock").read_text().splitlines()[:2]
    assert header[1].strip("# ") == "deploy/lock.sh"  # how to refresh it


def test_the_dockerfile_installs_from_the_lock_with_hashes_and_pulls_no_frontend():
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert not re.search(r"^#\s*syntax\s*=", text, re.MULTILINE | re.IGNORECASE)
    instructions = [line for line in text.splitlines() if line and not line.startswith("#")]
    runs = "\n".join(instructions)
    assert "COPY requirements.lock" in runs
    assert "pip install --require-hashes --no-deps -r requirements.lock" in runs
    assert "pip install --no-deps --no-build-isolation ." in runs
    assert "pip check" in runs
    # No other pip install could fetch an unpinned package.
    installs = re.findall(r"pip install[^\n&]*", runs)
    assert all("--no-deps" in install for install in installs), installs


def _dockerignore_excludes(patterns: list[str], path: str) -> bool:
    """Docker's rule: the last matching pattern wins; a pattern also matches what lies below."""
    excluded = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        body = pattern[1:] if negate else pattern
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        glob = body.replace("**/", "*")
        if any(fnmatch.fnmatchcase(prefix, body) or fnmatch.fnmatchcase(prefix, glob) for prefix in prefixes):
            excluded = not negate
    return excluded


def test_the_root_dockerignore_is_the_only_one_and_lets_in_exactly_what_is_copied():
    assert not (DEPLOY / "Dockerfile.dockerignore").exists(), "BuildKit would prefer it to the root one"
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    text = (DEPLOY / "Dockerfile").read_text()
    sources = []
    for line in text.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            sources += line.split()[1:-1]
    assert "requirements.lock" in sources and "imedia_core" in sources
    for source in sources:
        assert not _dockerignore_excludes(patterns, source), f"{source} is copied but ignored"
        assert (ROOT / source).exists(), source
    for private in (
        ".venv/bin/python",
        ".git/config",
        ".pgdata/data",
        "var/mail/x",
        "tests/conftest.py",
        "deploy/.env",
        "deploy/env.local",
        "imedia_core/__pycache__/x.pyc",
    ):
        assert _dockerignore_excludes(patterns, private), f"{private} would be in the build context"


def test_constraints_txt_has_the_pins_of_the_lock_without_hashes():
    # pip refuses a hashed constraints file unless every package is hashed, so development and
    # CI (pip install -c constraints.txt -e ".[dev]") read the same pins from this copy.
    lines = [
        line
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert not any("--hash" in line or line.endswith("\\") for line in lines)
    pins = {canonicalize_name(PIN.match(line)["name"]): PIN.match(line)["version"] for line in lines}
    assert pins == {name: pin["version"] for name, pin in locked().items()}
