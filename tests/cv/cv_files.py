"""A CV written as a real PDF (the app's own WeasyPrint path) and a real .docx (python-docx), and a posting.

The CV has four planted slips ("Managd", "accross", "recieved", "the the") among names, places, acronyms,
tools and British spellings that must not be flagged (Okafor, Northgate, Doncaster, Kowalczyk, BTEC, EWM,
WMS, organised, analysed, prioritised).
"""

from __future__ import annotations

import html
from pathlib import Path

POSTING = """Warehouse Team Leader
Brightwell Distribution, Wakefield

About the role:
We are looking for a Warehouse Team Leader to run our night shift at a busy distribution centre.

Responsibilities:
- Lead a team of 15 warehouse operatives on the night shift
- Plan picking and packing to meet daily despatch targets
- Carry out cycle counts and investigate stock discrepancies
- Train new starters in manual handling and health and safety
- Coach underperforming colleagues and hold return-to-work interviews

Requirements:
- Experience as a team leader or supervisor in a warehouse
- Experience with a warehouse management system
- Counterbalance forklift licence
- Confident user of Microsoft Excel
- IOSH Managing Safely certificate
- Knowledge of lean or 5S
"""

PLANTED = {"Managd": "managed", "accross": "across", "recieved": "received"}
NOT_SLIPS = {"Okafor", "Northgate", "Doncaster", "Kowalczyk", "BTEC", "EWM", "WMS", "organised", "analysed",
             "prioritised", "Tesco", "Leeds", "okafor"}  # fmt: skip

# (kind, text): "h" a heading, "p" a paragraph, "b" a bullet
CV: list[tuple[str, str]] = [
    ("p", "Jane Okafor"),
    ("p", "Leeds | jane.okafor@example.com | 07700 900123"),
    ("h", "Profile"),
    ("p", "Warehouse supervisor with six years in distribution, mentored by Agnieszka Kowalczyk, "
          "leading night shifts and keeping stock accurate."),
    ("h", "Work Experience"),
    ("p", "Shift Supervisor, Northgate Logistics, Leeds"),
    ("p", "March 2021 - Present"),
    ("b", "Led a team of 12 pickers on the night shift and hit despatch targets 98% of the time"),
    ("b", "Managd the Route Rebalance project, cutting late trailers from 9 to 2 a week"),
    ("b", "Ran cycle counts with the WMS and brought stock accuracy to 99.6%"),
    ("b", "Trained new starters in manual handling and prioritised the weekly rota"),
    ("p", "Warehouse Operative, Tesco Distribution, Doncaster"),
    ("p", "June 2017 - August 2020"),
    ("b", "Picked and packed 1,200 cases a shift accross chilled and ambient"),
    ("b", "Operated a counterbalance forklift and reach truck"),
    ("b", "Became the go-to person for the the returns process, and analysed the damage reports"),
    ("h", "Projects"),
    ("b", "Cross-dock pilot: set up a cross-dock lane for two suppliers, saving 40 minutes per trailer"),
    ("h", "Education"),
    ("p", "BTEC Level 3 in Business, Leeds City College"),
    ("h", "Skills"),
    ("p", "Excel, SAP EWM, counterbalance forklift licence, organised and reliable; recieved two "
          "Employee of the Month awards"),
]  # fmt: skip


def write_pdf(path: Path) -> Path:
    from app.report.pdf import html_to_pdf

    body = []
    for kind, text in CV:
        escaped = html.escape(text)
        body.append({"h": f"<h2>{escaped}</h2>", "p": f"<p>{escaped}</p>", "b": f"<p>• {escaped}</p>"}[kind])
    page = f"<html><body style='font-family: sans-serif; font-size: 10pt'>{''.join(body)}</body></html>"
    path.write_bytes(html_to_pdf(page))
    return path


def write_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    for kind, text in CV:
        if kind == "h":
            document.add_heading(text, level=2)
        elif kind == "b":
            document.add_paragraph(text, style="List Bullet")  # no bullet character in the text itself
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path
