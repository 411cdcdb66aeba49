// course widgets
