WHO = 'local random'
