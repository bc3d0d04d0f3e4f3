"""JUnit XML: one test case per check (and one for unreadable input), for CI systems that show test results."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def render(report: dict) -> str:
    checks = report["checks"]
    bad = report["documents"]["bad"]
    suite = ET.Element(
        "testsuite",
        name="cleaner check",
        tests=str(len(checks) + 1),
        failures=str(sum(not c["passed"] for c in checks)),
        errors=str(int(bad > 0)),
        skipped="0",
        timestamp=report["created"],
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (("inputs", " ".join(report["inputs"])), ("documents", report["documents"]["checked"]), ("schema", report["schema"])):
        ET.SubElement(props, "property", name=name, value=str(value))
    case = ET.SubElement(suite, "testcase", classname="cleaner.check.input", name="records are readable")
    if bad:
        error = ET.SubElement(case, "error", message=f"{bad} record(s) could not be read or cleaned", type="InputError")
        error.text = "\n".join(b["error"] for b in report["documents"]["bad_examples"])
    for check in checks:
        case = ET.SubElement(suite, "testcase", classname=f"cleaner.check.{check['kind']}", name=check["name"])
        if not check["passed"]:
            failure = ET.SubElement(case, "failure", message=check["message"], type="ThresholdBreached" if check["kind"] == "threshold" else "Regression")
            failure.text = f"{check['metric']} = {check['value']} (limit {check['op']} {check['limit']})"
        else:
            ET.SubElement(case, "system-out").text = check["message"]
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
