"""Your CV against a job posting, offline: what the posting asks that the CV does not show, spelling
slips, and interview questions built from the CV itself.

parse reads the file (.txt, .pdf, .docx), compare finds the gaps, spelling the slips, sections the CV's
jobs and projects, questions writes the questions and bank saves them as the "From my CV" question set.
Nothing here uses the network: the CV stays on this computer.
"""

from app.cv.check import CvCheck, check_cv

__all__ = ["CvCheck", "check_cv"]
