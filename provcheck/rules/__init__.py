"""provcheck.rules"""
