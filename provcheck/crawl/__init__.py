"""provcheck.crawl"""
