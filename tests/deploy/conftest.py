"""Shared readers for the deployment files (deploy/, the root .dockerignore, requirements.lock)."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


def load_all(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


@pytest.fixture(scope="session")
def kustomization() -> dict:
    return load_all(K8S / "kustomization.yaml")[0]


@pytest.fixture(scope="session")
def manifests(kustomization) -> list[dict]:
    """Every object of the files the kustomization lists, as written (before kustomize)."""
    docs = []
    for name in kustomization["resources"]:
        docs.extend(load_all(K8S / name))
    return docs
