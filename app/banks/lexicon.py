"""The curated vocabulary tailoring looks for in a job posting: skills and terms per track.

Written by hand so the method stays transparent: a posting term counts for a track when it is listed
here. Terms are lowercase; phrases are matched as whole word sequences, after stemming (app.core.words),
so "stakeholders" matches "stakeholder". ALIASES folds common spellings onto one term.
"""

from __future__ import annotations

from app.core.words import BASE_STOPWORDS, stems

# fmt: off

LEXICON: dict[str, tuple[str, ...]] = {
    "core": (
        "communication", "teamwork", "collaboration", "leadership", "problem solving", "ownership",
        "initiative", "adaptability", "time management", "prioritisation", "attention to detail",
        "conflict resolution", "stakeholder", "cross-functional", "feedback", "mentoring", "integrity",
        "accountability", "organisational skills", "interpersonal skills", "deadline", "fast-paced",
        "self-starter", "continuous improvement", "written communication", "presentation",
    ),
    "entry_level": (
        "graduate", "internship", "entry-level", "trainee", "apprenticeship", "willingness to learn",
        "customer service", "microsoft office", "reliable", "punctual", "shift", "part-time",
        "on-the-job training", "retail", "hospitality", "volunteering",
    ),
    "software_engineering": (
        "software engineer", "python", "java", "javascript", "typescript", "golang", "c++", "c#", "rust",
        "react", "node.js", "api", "rest", "microservices", "distributed systems", "system design",
        "code review", "unit testing", "test-driven development", "ci/cd", "git", "docker", "kubernetes",
        "aws", "azure", "gcp", "cloud", "database", "postgresql", "scalability", "performance",
        "debugging", "incident", "on-call", "observability", "technical debt", "refactoring",
        "architecture", "security", "agile", "backend", "frontend", "full-stack",
    ),
    "data_analytics": (
        "data analyst", "sql", "python", "r", "excel", "tableau", "power bi", "looker", "dashboard",
        "data visualisation", "statistics", "a/b testing", "experiment", "regression", "forecasting",
        "data quality", "data cleaning", "etl", "data pipeline", "data warehouse", "dbt", "snowflake",
        "bigquery", "kpi", "metrics", "reporting", "insight", "storytelling", "stakeholder",
        "machine learning", "segmentation", "cohort", "pandas", "data governance",
    ),
    "product_management": (
        "product manager", "roadmap", "prioritisation", "user research", "discovery", "product strategy",
        "okr", "product requirements", "user story", "backlog", "mvp", "product-market fit", "launch",
        "go-to-market",
        "customer interviews", "metrics", "experimentation", "product design", "trade-off",
        "stakeholder", "vision", "retention", "adoption", "b2b", "saas", "jobs to be done",
    ),
    "sales": (
        "sales", "quota", "pipeline", "prospecting", "cold calling", "lead generation", "closing",
        "negotiation", "account management", "account executive", "crm", "salesforce", "hubspot",
        "territory", "upsell", "cross-sell", "renewal", "churn", "discovery call", "objection handling",
        "forecast", "b2b", "saas", "revenue", "client relationships", "new business", "demo",
        "decision maker", "commission", "consultative selling", "key accounts",
    ),
    "customer_support": (
        "customer support", "customer service", "help desk", "ticket", "zendesk", "freshdesk",
        "live chat", "escalation", "sla", "first response time", "resolution time", "csat", "nps",
        "troubleshooting", "knowledge base", "empathy", "de-escalation", "customer satisfaction",
        "phone support", "email support", "omnichannel", "customer experience", "technical support",
        "patience", "queue",
    ),
    "nursing": (
        "registered nurse", "patient care", "patient safety", "medication administration",
        "care plan", "assessment", "vital signs", "deteriorating patient", "early warning score",
        "escalation", "handover", "infection control", "clinical judgement", "safeguarding",
        "multidisciplinary team", "documentation", "electronic health record", "triage", "wound care",
        "discharge planning", "family", "dignity", "compassion", "acute care", "ward", "med-surg",
        "icu", "emergency department", "bls", "acls", "sbar", "shift", "staffing", "falls prevention",
        "pain management", "evidence-based practice", "patient education", "confidentiality",
    ),
    "teaching": (
        "teacher", "lesson planning", "curriculum", "differentiation", "classroom management",
        "behaviour management", "assessment", "formative assessment", "feedback", "safeguarding",
        "special educational needs", "sen", "inclusion", "parents", "pupil", "student engagement",
        "literacy", "numeracy", "learning objectives", "progress", "pastoral care",
        "professional development", "scheme of work", "classroom", "ks2", "ks3", "iep",
    ),
    "marketing": (
        "marketing", "campaign", "brand", "content marketing", "seo", "sem", "ppc", "paid social",
        "social media", "email marketing", "marketing automation", "conversion rate", "funnel",
        "lead generation", "customer acquisition", "roi", "budget", "analytics", "google analytics",
        "a/b testing", "copywriting", "positioning", "messaging", "target audience", "segmentation",
        "product marketing", "go-to-market", "attribution", "engagement", "crm", "hubspot",
    ),
    "finance": (
        "accountant", "accounting", "financial reporting", "month-end close", "reconciliation",
        "general ledger", "accounts payable", "accounts receivable", "budgeting", "forecasting",
        "variance analysis", "audit", "internal controls", "compliance", "ifrs", "gaap", "tax",
        "excel", "erp", "sap", "netsuite", "financial modelling", "cash flow", "balance sheet",
        "p&l", "accruals", "journal entries", "fp&a", "cpa", "acca", "cima", "attention to detail",
    ),
    "hr_recruiting": (
        "human resources", "hr business partner", "hr adviser", "recruiter", "recruitment",
        "talent acquisition", "sourcing", "hiring manager", "candidate experience", "interview scheduling",
        "applicant tracking system", "hris", "workday", "greenhouse", "onboarding", "employee relations",
        "grievance", "disciplinary", "employment law", "right to work", "absence management",
        "performance management", "people analytics", "time to hire", "diversity", "cipd", "shrm",
        "employer brand", "job description", "headcount",
    ),
    "project_management": (
        "project manager", "project management", "project coordinator", "project plan", "pmp", "prince2",
        "pmo", "gantt", "ms project", "smartsheet", "scope", "critical path", "milestone", "deliverables",
        "risk register", "raid log", "change control", "change request", "stakeholder management",
        "project sponsor", "steering committee", "status report", "earned value", "waterfall", "scrum",
        "work breakdown structure", "lessons learned", "resource planning", "programme management",
        "dependencies", "project budget",
    ),
    "operations_logistics": (
        "warehouse", "warehouse operative", "distribution centre", "logistics", "supply chain", "picking",
        "packing", "despatch", "goods in", "inbound", "outbound", "forklift", "reach truck", "counterbalance",
        "warehouse management system", "inventory", "stock control", "cycle count", "stock accuracy",
        "pick rate", "otif", "on-time delivery", "carrier", "haulage", "transport", "fleet", "route planning",
        "delivery driver", "multi-drop", "tachograph", "driver cpc", "lean", "5s", "iosh",
        "health and safety",
        "manual handling", "pallet", "loading bay", "freight", "3pl", "cold chain", "procurement",
        "demand planning", "mrp", "production plan", "safety stock", "s&op", "operations manager",
    ),
    "retail_hospitality": (
        "retail", "shop floor", "store", "sales assistant", "store manager", "visual merchandising", "till",
        "cash handling", "cashing up", "epos", "stock replenishment", "footfall", "average transaction value",
        "loss prevention", "hospitality", "restaurant", "bar", "barista", "front of house", "waiter",
        "guest", "hotel", "housekeeping", "covers", "food hygiene", "food safety", "allergen", "haccp",
        "kitchen", "chef", "menu", "upselling", "reservations", "food and beverage", "personal licence",
        "coffee", "espresso",
    ),
    "office_admin": (
        "administrator", "administration", "administrative", "office manager", "receptionist", "reception",
        "front desk", "personal assistant", "executive assistant", "secretary", "diary management", "diary",
        "minute taking", "minutes", "filing", "data entry", "microsoft office", "excel", "outlook",
        "document management", "record keeping", "gdpr", "data protection",
        "confidential information", "invoices", "purchase orders", "expense claims", "petty cash",
        "bookkeeping", "appointments", "switchboard", "correspondence", "facilities",
        "travel arrangements",
    ),
}

# Other spellings -> the lexicon's term. Keys are matched like terms (lowercase, stemmed).
ALIASES: dict[str, str] = {
    "prioritization": "prioritisation",
    "prioritizing": "prioritisation",
    "prioritising": "prioritisation",
    "data visualization": "data visualisation",
    "organizational skills": "organisational skills",
    "financial modeling": "financial modelling",
    "rn": "registered nurse",
    "registered nurses": "registered nurse",
    "ehr": "electronic health record",
    "emr": "electronic health record",
    "electronic medical record": "electronic health record",
    "mdt": "multidisciplinary team",
    "interdisciplinary team": "multidisciplinary team",
    "news2": "early warning score",
    "clinical judgment": "clinical judgement",
    "behavior management": "behaviour management",
    "postgres": "postgresql",
    "k8s": "kubernetes",
    "ab testing": "a/b testing",
    "a/b test": "a/b testing",
    "split testing": "a/b testing",
    "powerbi": "power bi",
    "month end close": "month-end close",
    "month-end": "month-end close",
    "gl": "general ledger",
    "ap": "accounts payable",
    "ar": "accounts receivable",
    "profit and loss": "p&l",
    "customer success": "account management",
    "quotas": "quota",
    "closing deals": "closing",
    "help-desk": "help desk",
    "helpdesk": "help desk",
    "de-escalate": "de-escalation",
    "okrs": "okr",
    "kpis": "kpi",
    "dispatch": "despatch",
    "wms": "warehouse management system",
    "flt": "forklift",
    "fork lift": "forklift",
    "distribution center": "distribution centre",
    "on time in full": "otif",
    "difot": "otif",
    "upsell": "upselling",
    "point of sale": "epos",
    "pos": "epos",
    "allergens": "allergen",
    "front-of-house": "front of house",
    "food hygiene certificate": "food hygiene",
    "pa": "personal assistant",
    "ea": "executive assistant",
    "diary manager": "diary management",
    "minute-taking": "minute taking",
    "ms office": "microsoft office",
    "microsoft 365": "microsoft office",
    "office 365": "microsoft office",
    "general data protection regulation": "gdpr",
    "hr": "human resources",
    "human resource": "human resources",
    "ats": "applicant tracking system",
    "hr business partners": "hr business partner",
    "hrbp": "hr business partner",
    "hr advisor": "hr adviser",
    "recruiting": "recruitment",
    "employee onboarding": "onboarding",
    "program management": "programme management",
    "microsoft project": "ms project",
    "gantt chart": "gantt",
    "raid": "raid log",
    "project management professional": "pmp",
}

# Words of nearly every posting, on top of the base stop words: they name no skill of this job.
_STOPWORDS_TEXT = """
like made make use used using well
able ability across apply applicant applicants application benefits candidate candidates company day
days degree desired duties employer employment equal essential etc excellent experience experienced
full great help including job join key looking minimum must new opportunity opportunities plus position
preferred proven qualifications related requirement requirements responsibilities responsible role
salary skills strong successful team teams time week weeks work working year years ideal ideally
strongly demonstrated demonstrate good high level levels ensure support within across offer offers
based part provide providing role's we're you'll you're it's including what's who'll want
"""
# fmt: on

STOPWORDS: frozenset[str] = BASE_STOPWORDS | frozenset(_STOPWORDS_TEXT.split())
# The same words stemmed, for checking stemmed posting text ("responsibilities" -> "respons").
STOP_STEMS: frozenset[str] = stems(STOPWORDS)
