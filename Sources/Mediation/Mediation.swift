// Mediation
