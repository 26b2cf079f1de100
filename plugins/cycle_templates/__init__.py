"""The participation cycles the i-médiatisation method uses, in French, as cycle templates."""
