"""Extraction: a segmented ``Report`` → ``Facts`` (one module per GOLD.md fact type)."""

from __future__ import annotations

from kg.extract.commitments import extract_commitments
from kg.extract.observations import extract_observations
from kg.extract.organizations import extract_participations
from kg.extract.program_targets import link_program_targets
from kg.model import Facts, Report


def extract(report: Report) -> Facts:
    """Measures, commitments, program targets and organizations' parts stated in one report."""
    commitments = extract_commitments(report)
    observations, targets = link_program_targets(extract_observations(report), commitments)
    return Facts(
        report=report,
        observations=observations,
        commitments=commitments,
        program_targets=targets,
        participations=extract_participations(report),
    )
