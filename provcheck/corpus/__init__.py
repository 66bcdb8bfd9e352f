"""provcheck.corpus"""
