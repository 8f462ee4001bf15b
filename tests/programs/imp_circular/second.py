from first import needed
