"""The Kubernetes manifests (deploy/k8s): what an operations team expects of them, checked on the
files as written and on kustomize's rendering (kubectl's built-in kustomize)."""

import shutil
import subprocess

import pytest
import yaml

from .conftest import DEPLOY, K8S, load_all

KUBECTL = shutil.which("kubectl")


def by_kind(docs, kind):
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


def pod_spec(doc):
    return doc["spec"]["template"]["spec"]


def containers(doc):
    return pod_spec(doc)["containers"]


def render(directory):
    assert KUBECTL, "kubectl (with its built-in kustomize) is needed to render deploy/k8s"
    done = subprocess.run([KUBECTL, "kustomize", str(directory)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


@pytest.fixture(scope="module")
def rendered():
    return render(K8S)


def test_every_yaml_file_of_deploy_parses():
    files = sorted(K8S.glob("*.yaml")) + [DEPLOY / "compose.yaml"]
    assert len(files) >= 12
    for path in files:
        docs = load_all(path)
        assert docs, path
        assert all(isinstance(doc, dict) for doc in docs), path


def test_the_kustomization_lists_every_manifest_but_the_secret_example(kustomization):
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(kustomization["resources"]) == on_disk
    assert len(kustomization["resources"]) == len(set(kustomization["resources"]))
    for expected in ("migrate-job.yaml", "ingress.yaml", "hpa.yaml", "pdb.yaml", "networkpolicy.yaml"):
        assert expected in kustomization["resources"]


def test_every_deployment_has_resources_probes_and_runs_as_non_root(manifests):
    deployments = by_kind(manifests, "Deployment")
    assert set(deployments) == {"imedia", "imedia-worker"}
    for name, doc in deployments.items():
        spec = pod_spec(doc)
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] != 0, name
        for container in spec["containers"]:
            resources = container["resources"]
            assert {"cpu", "memory"} <= set(resources["requests"]), name
            assert "memory" in resources["limits"], name
            assert "livenessProbe" in container, name
            assert "startupProbe" in container, name
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"]["drop"] == ["ALL"], name
    assert "readinessProbe" in containers(deployments["imedia"])[0]


def test_the_worker_mounts_the_media_volume_of_the_app(manifests):
    deployments = by_kind(manifests, "Deployment")
    claims = {}
    for name, doc in deployments.items():
        volumes = {v["name"]: v for v in pod_spec(doc)["volumes"]}
        mounts = {m["mountPath"]: m["name"] for m in containers(doc)[0]["volumeMounts"]}
        assert "/app/media" in mounts, f"{name} does not mount MEDIA_ROOT"
        claims[name] = volumes[mounts["/app/media"]]["persistentVolumeClaim"]["claimName"]
    assert claims["imedia-worker"] == claims["imedia"] == "imedia-media"
    pvc = by_kind(manifests, "PersistentVolumeClaim")["imedia-media"]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    config = by_kind(manifests, "ConfigMap")["imedia-config"]["data"]
    assert config["MEDIA_ROOT"] == "/app/media"


def test_the_worker_liveness_probe_reads_the_heartbeat_file_it_is_told_to_touch(manifests):
    worker = containers(by_kind(manifests, "Deployment")["imedia-worker"])[0]
    command = worker["command"]
    assert command[:2] == ["imedia", "events_worker"]
    heartbeat = command[command.index("--heartbeat-file") + 1]
    assert heartbeat.startswith("/tmp/")  # the writable emptyDir of a read-only root
    for probe in ("startupProbe", "livenessProbe"):
        probe_command = worker[probe]["exec"]["command"]
        assert heartbeat in probe_command[-1]
    mounts = {m["mountPath"] for m in worker["volumeMounts"]}
    assert "/tmp" in mounts


def test_autoscalers_target_existing_deployments_which_leave_replicas_to_them(manifests):
    deployments = by_kind(manifests, "Deployment")
    hpas = by_kind(manifests, "HorizontalPodAutoscaler")
    targets = {hpa["spec"]["scaleTargetRef"]["name"] for hpa in hpas.values()}
    assert targets == set(deployments)
    for hpa in hpas.values():
        ref = hpa["spec"]["scaleTargetRef"]
        assert (ref["apiVersion"], ref["kind"]) == ("apps/v1", "Deployment")
        assert 1 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
        assert hpa["spec"]["metrics"]
    assert hpas["imedia"]["spec"]["minReplicas"] >= 2  # a PDB of minAvailable 1 must leave one to drain
    for name, doc in deployments.items():
        assert "replicas" not in doc["spec"], f"{name}: a fixed replica count would fight the autoscaler"


def test_disruption_budgets_select_the_pods_of_existing_deployments(manifests):
    deployments = by_kind(manifests, "Deployment")
    pdbs = by_kind(manifests, "PodDisruptionBudget")
    covered = set()
    for pdb in pdbs.values():
        wanted = pdb["spec"]["selector"]["matchLabels"]
        matching = [
            name
            for name, doc in deployments.items()
            if wanted.items() <= doc["spec"]["template"]["metadata"]["labels"].items()
        ]
        assert len(matching) == 1, pdb["metadata"]["name"]
        covered.update(matching)
    assert covered == set(deployments)


def test_only_the_ingress_controller_may_reach_the_app_pods_whose_proxy_headers_are_trusted(manifests):
    config = by_kind(manifests, "ConfigMap")["imedia-config"]["data"]
    assert config["FORWARDED_ALLOW_IPS"] == "*" and config["IMEDIA_BEHIND_PROXY"] == "true"
    app_labels = by_kind(manifests, "Deployment")["imedia"]["spec"]["template"]["metadata"]["labels"]
    policies = [
        p
        for p in by_kind(manifests, "NetworkPolicy").values()
        if p["spec"]["podSelector"].get("matchLabels", {}).items() <= app_labels.items()
        and "matchLabels" in p["spec"]["podSelector"]
    ]
    assert len(policies) == 1
    spec = policies[0]["spec"]
    assert spec["policyTypes"] == ["Ingress"]
    [rule] = spec["ingress"]
    [peer] = rule["from"]
    assert set(peer) == {"namespaceSelector", "podSelector"}  # both: the controller's pods only
    assert peer["namespaceSelector"]["matchLabels"] and peer["podSelector"]["matchLabels"]
    assert rule["ports"] == [{"protocol": "TCP", "port": 8000}]


def test_the_worker_and_the_migrate_job_accept_no_inbound_connection(manifests):
    closed = [p for p in by_kind(manifests, "NetworkPolicy").values() if p["spec"].get("ingress") == []]
    assert len(closed) == 1
    expressions = {e["key"]: set(e["values"]) for e in closed[0]["spec"]["podSelector"]["matchExpressions"]}
    assert expressions["app.kubernetes.io/component"] == {"worker", "migrate"}
    job = by_kind(manifests, "Job")["imedia-migrate-release"]
    worker = by_kind(manifests, "Deployment")["imedia-worker"]
    for labels in (job["spec"]["template"]["metadata"]["labels"], worker["spec"]["template"]["metadata"]["labels"]):
        assert labels["app.kubernetes.io/component"] in expressions["app.kubernetes.io/component"]


def test_the_ingress_routes_to_the_service_port(manifests):
    ingress = by_kind(manifests, "Ingress")["imedia"]
    service = by_kind(manifests, "Service")["imedia"]
    ports = {p["name"] for p in service["spec"]["ports"]}
    hosts = set()
    for rule in ingress["spec"]["rules"]:
        hosts.add(rule["host"])
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["name"] == "imedia" and backend["port"]["name"] in ports
    tls_hosts = {h for entry in ingress["spec"]["tls"] for h in entry["hosts"]}
    assert hosts <= tls_hosts
    platform = by_kind(manifests, "ConfigMap")["imedia-config"]["data"]["IMEDIA_PLATFORM_HOSTS"].split(",")
    assert platform[0] in hosts


def test_the_image_tag_is_set_in_the_kustomization_only(manifests, kustomization):
    images = [c["image"] for doc in manifests if doc["kind"] in ("Deployment", "Job") for c in containers(doc)]
    assert len(images) == 3
    assert set(images) == {"imedia"}  # no registry, no tag in the manifests themselves
    [entry] = kustomization["images"]
    assert entry["name"] == "imedia" and entry["newTag"] and ":" not in entry["newName"]


def test_rendered_every_container_runs_the_one_release_and_the_job_is_named_after_it(rendered, kustomization):
    [entry] = kustomization["images"]
    image = f"{entry['newName']}:{entry['newTag']}"
    jobs = by_kind(rendered, "Job")
    assert list(jobs) == [f"imedia-migrate-{entry['newTag']}"]
    job = jobs[f"imedia-migrate-{entry['newTag']}"]
    assert "generateName" not in job["metadata"]
    assert "ttlSecondsAfterFinished" not in job["spec"]  # a kept Job makes a re-apply a no-op
    assert str(job["metadata"]["labels"]["app.kubernetes.io/version"]) == entry["newTag"]
    assert containers(job)[0]["command"] == ["imedia", "migrate"]
    all_images = [c["image"] for doc in rendered if doc["kind"] in ("Deployment", "Job") for c in containers(doc)]
    assert all_images == [image] * 3
    assert all(doc["metadata"]["labels"]["app.kubernetes.io/part-of"] == "imedia" for doc in rendered)


def test_a_new_tag_names_a_new_job_so_a_wait_cannot_match_the_old_one(tmp_path, rendered):
    copy = tmp_path / "k8s"
    shutil.copytree(K8S, copy)
    text = (copy / "kustomization.yaml").read_text()
    assert 'newTag: "1.0.0"' in text
    (copy / "kustomization.yaml").write_text(text.replace('newTag: "1.0.0"', 'newTag: "1.0.1"'))

    new = render(copy)

    assert list(by_kind(rendered, "Job")) == ["imedia-migrate-1.0.0"]
    assert list(by_kind(new, "Job")) == ["imedia-migrate-1.0.1"]
    images = {c["image"] for doc in new if doc["kind"] in ("Deployment", "Job") for c in containers(doc)}
    assert images == {"registry.example.org/imedia:1.0.1"}


def test_email_url_goes_in_the_secret_not_the_config_map(manifests):
    config = by_kind(manifests, "ConfigMap")["imedia-config"]["data"]
    assert "EMAIL_URL" not in config and "EMAIL_BACKEND" not in config
    assert config["DEFAULT_FROM_EMAIL"]
    [secret] = load_all(K8S / "secret.example.yaml")
    assert secret["stringData"]["EMAIL_URL"].startswith("smtp+tls://")
    assert "EMAIL_URL=" in (K8S / "secret.example.yaml").read_text()  # the kubectl create example


def test_compose_passes_email_url_and_gives_the_worker_media_and_a_health_check():
    compose = load_all(DEPLOY / "compose.yaml")[0]
    environment = compose["x-imedia"]["environment"]
    assert environment["EMAIL_URL"].startswith("${EMAIL_URL:?")
    worker = compose["services"]["worker"]
    assert "media:/app/media" in worker["volumes"]
    heartbeat = worker["command"][worker["command"].index("--heartbeat-file") + 1]
    assert heartbeat in worker["healthcheck"]["test"][-1]
    env_example = (DEPLOY / "env.example").read_text()
    assert "# EMAIL_URL=smtp+tls://" in env_example
    assert "\nEMAIL_BACKEND=" not in env_example
