"""provcheck.report"""
