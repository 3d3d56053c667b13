"""The main window's pages: Practice, Review, History, Settings."""
