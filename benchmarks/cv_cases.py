"""Held-back CVs and postings for the CV check (app.cv), labelled before the check was run on them.

None of these was looked at while the rules were written (those were built on tests/cv/cv_files.py only).
Each case says, as a person reading both would: which posting lines (duties, skills, qualifications) the
CV does not show, the slips planted in the CV (word -> intended word), and the employers and projects an
interviewer would ask about. Words every case holds that must never be flagged are listed as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CvCase:
    name: str
    posting: str
    cv: str
    missing_lines: set[str]  # posting lines the CV does not show
    shown_lines: set[str]  # posting lines the CV shows
    slips: dict[str, str]  # planted misspelling -> intended word
    employers: list[str]
    projects: list[str] = field(default_factory=list)
    repeated: int = 0  # planted doubled words ("to to")


OFFICE = CvCase(
    name="office administrator",
    posting="""Office Administrator
Harrow Lane Surveyors

What you'll do:
- Manage the partners' diaries and book meetings
- Take minutes at monthly team meetings
- Process supplier invoices and purchase orders in Xero
- Maintain the client database and keep records accurate
- Order office supplies and liaise with the building manager

What you need:
- Advanced Microsoft Excel
- Experience of minute taking
- Knowledge of GDPR
- A typing speed of 60 words per minute
""",
    cv="""Priya Raman
Harrow, Middlesex | priya.raman@example.org

Personal Statement
Organised administrator who keeps busy offices running smoothly and calmly.

Employment History
Administrative Assistant at Fenwick & Dale Solicitors (2019 – 2024)
- Managed diaries for four partners and booked client meetings and meeting rooms
- Processed around 150 supplier invoices a month in Xero and chased late aproval
- Kept the client database up to date, cutting duplicate records by a third
- Ordered stationery and office supplies within budget
Receptionist at Oakfield Dental Practice (2016 – 2019)
- Greeted paitents and answered a busy switchboard
- Handled appointment bookings and cancellations in the practice system
- Introduced a paperless sign-in process project that saved 5 hours a week

Skills
Microsoft Excel (pivot tables, VLOOKUP), Word, Outlook, Xero; typing 65 wpm; GDPR training completed 2023
""",
    missing_lines={"Take minutes at monthly team meetings", "Experience of minute taking",
                   "Order office supplies and liaise with the building manager"},
    shown_lines={"Manage the partners' diaries and book meetings",
                 "Process supplier invoices and purchase orders in Xero",
                 "Maintain the client database and keep records accurate", "Advanced Microsoft Excel",
                 "Knowledge of GDPR"},
    slips={"aproval": "approval", "paitents": "patients"},
    employers=["Fenwick & Dale Solicitors", "Oakfield Dental Practice"],
)  # fmt: skip

RETAIL = CvCase(
    name="retail supervisor",
    posting="""Retail Supervisor
Greenleaf Garden Centres

Responsibilities:
- Supervise a team of 8 sales assistants
- Open and close the store and cash up the tills
- Handle customer complaints and refunds
- Plan staff rotas and cover absences
- Keep the shop floor merchandised to our standards

Requirements:
- Previous supervisory experience in retail
- Experience with cash handling
- A food hygiene certificate
""",
    cv="""Tom Hughes
Bristol
tom.hughes@example.net

Experience
Boots UK — Shift Supervisor (Jan 2021 – Present)
• Supervised a team of six sales assistants on busy weekend shifts
• Opened and closed the store, cashed up four tills and banked takings with no discrepancies in two years
• Dealt with custmer complaints and refunds calmly, and was praised by the area manager
• Led the Christmas Window project that lifted footfall by 12% in December
Costa Coffee — Barista (Mar 2018 – Dec 2020)
• Served up to to 400 customers a day and handled cash accurately
• Trained five new baristas and was named excellant team member twice

Education
GCSEs, Bristol Brunel Academy
""",
    missing_lines={"Plan staff rotas and cover absences", "Keep the shop floor merchandised to our standards",
                   "A food hygiene certificate"},
    shown_lines={"Supervise a team of 8 sales assistants", "Open and close the store and cash up the tills",
                 "Handle customer complaints and refunds", "Previous supervisory experience in retail",
                 "Experience with cash handling"},
    slips={"custmer": "customer", "excellant": "excellent"},
    employers=["Boots UK", "Costa Coffee"],
    projects=["Christmas Window"],
    repeated=1,
)  # fmt: skip

SOFTWARE = CvCase(
    name="backend developer",
    posting="""Backend Developer (Python)
Ferrous Labs

You will:
- Design and build REST APIs in Python with FastAPI
- Write unit tests with pytest and review pull requests
- Run services on Kubernetes and improve their observability
- Tune PostgreSQL queries for performance

You have:
- Strong Python skills
- Experience with Docker and Kubernetes
- Experience with message queues such as Kafka or RabbitMQ
- AWS certification desirable
""",
    cv="""ALEX MORGAN
Manchester · github.com/alexm · alex@example.dev

Professional Experience
Software Engineer | Brightpath Insurance | 2020 - present
- Built REST APIs in Python (FastAPI) serving 2M requests a day
- Wrote pytest suites and raised coverage from 40% to 85%; reviewed pull requests for a team of five
- Implemeted Docker builds and deployed services to Kubernetes with Helm
- Tuned slow PostgreSQL queries, improving perfomance of the quote search by 60%
Junior Developer | Northwind Apps | 2018 - 2020
- Maintained a Django monolith and refactored its billing module

Projects
Quotewise: an open-source Python library for parsing insurance quotes, 300 GitHub stars
Ledger Lite - a TypeScript and React budgeting app for small charities
""",
    missing_lines={"Experience with message queues such as Kafka or RabbitMQ", "AWS certification desirable"},
    shown_lines={"Design and build REST APIs in Python with FastAPI",
                 "Write unit tests with pytest and review pull requests",
                 "Tune PostgreSQL queries for performance", "Strong Python skills",
                 "Experience with Docker and Kubernetes"},
    slips={"implemeted": "implemented", "perfomance": "performance"},
    employers=["Brightpath Insurance", "Northwind Apps"],
    projects=["Quotewise", "Ledger Lite"],
)  # fmt: skip

NURSE = CvCase(
    name="staff nurse",
    posting="""Band 5 Staff Nurse - Acute Medical Unit
St Anne's Hospital NHS Trust

Main duties:
- Assess, plan and deliver patient care on a 28-bed acute medical unit
- Administer medication safely and accurately
- Escalate deteriorating patients using NEWS2
- Give clear handovers using SBAR
- Support and mentor student nurses

Essential:
- Current NMC registration
- Experience in acute care
- Knowledge of safeguarding procedures
""",
    cv="""Grace Mensah RN
Sheffield | grace.mensah@example.co.uk | NMC PIN 12A3456E

Professional Summary
Registered nurse with four years on busy medical wards.

Clinical Experience
Staff Nurse, Sheffield Teaching Hospitals NHS Foundation Trust
April 2021 - present
- Delivered care for up to eight paitents a shift on a 30-bed respiratory ward
- Administered medicaton, including IV antibiotics and controlled drugs, with no errors reported
- Recognised deteriorating patients with NEWS2 and escalated to the outreach team
- Gave structured handovers at each shift change
Healthcare Assistant, Rotherham General Hospital
Sept 2018 - March 2021
- Recorded observations and supported patients with personal care

Registration
NMC registered since 2021
""",
    missing_lines={"Support and mentor student nurses", "Knowledge of safeguarding procedures"},
    shown_lines={"Administer medication safely and accurately", "Escalate deteriorating patients using NEWS2",
                 "Current NMC registration"},
    slips={"paitents": "patients", "medicaton": "medication"},
    employers=["Sheffield Teaching Hospitals NHS Foundation Trust", "Rotherham General Hospital"],
)  # fmt: skip

CASES = [OFFICE, RETAIL, SOFTWARE, NURSE]
