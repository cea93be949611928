"""graphics"""
