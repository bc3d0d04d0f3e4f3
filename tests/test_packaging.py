"""The wheel carries the default rules, and the package finds them when installed outside a checkout."""

import subprocess
import sys
import zipfile

from conftest import ROOT
from cleaner.ruleset import default_rules_dir


def test_wheel_contains_rules_and_loads_them_outside_the_checkout(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True,
    )
    (wheel,) = tmp_path.glob("scrape_cleaner-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    shipped = {n.split("cleaner/_rules/", 1)[1] for n in names if n.startswith("cleaner/_rules/") and n.endswith(".toml")}
    in_checkout = {str(p.relative_to(default_rules_dir())) for p in default_rules_dir().rglob("*.toml")}
    assert shipped == in_checkout
    probe = "import cleaner.ruleset as r; rs = r.load_rules(); print(r.default_rules_dir().name, len(rs.rules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert out[0] == "_rules" and int(out[1]) == rule_count()


def rule_count() -> int:
    from cleaner.ruleset import load_rules

    return len(load_rules().rules)
